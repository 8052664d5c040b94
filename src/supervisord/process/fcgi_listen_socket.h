// The listening socket of an [fcgi-program:x], bound as supervisor binds
// it: TCP over IPv4 with SO_REUSEADDR, or a unix socket whose old file is
// removed first, then chowned and chmoded; listen() with socket_backlog or
// SOMAXCONN. Blocking, as the children accept on it.
#pragma once

#include <string>

#include "lib/config/fcgi_socket.h"
#include "lib/util/unique_fd.h"

namespace sn {

// The socket, or an empty fd with the reason in `error`.
UniqueFd bind_fcgi_socket(const FcgiSocketConfig& config, std::string* error);

}  // namespace sn
