// The socket= of an [fcgi-program:x] section: the listening socket the
// daemon binds and hands to each of the group's processes as their fd 0.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace sn {

struct FcgiSocketConfig {
  std::string url;  // "tcp://127.0.0.1:9000", "unix:///run/app.sock"
  bool is_unix = false;
  std::string host;  // tcp, lower-cased
  int port = 0;      // tcp
  std::string path;  // unix, absolute
  uid_t owner_uid = static_cast<uid_t>(-1);
  gid_t owner_gid = static_cast<gid_t>(-1);
  mode_t mode = 0700;
  int backlog = 0;  // 0: SOMAXCONN

  // As supervisor compares them on reread: by the URL alone.
  bool operator==(const FcgiSocketConfig& other) const { return url == other.url; }
};

// "tcp://HOST:PORT" or "unix:///ABSOLUTE/PATH". Throws ValueError.
FcgiSocketConfig parse_fcgi_socket(std::string_view text);

}  // namespace sn
