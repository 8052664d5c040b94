// The listening sockets of [inet_http_server] and [unix_http_server].
#pragma once

#include <stdexcept>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/unique_fd.h"

namespace sn {

class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bound, listening, non-blocking socket; a unix socket file is removed
// when the listener goes away.
class Listener {
 public:
  // Throws ListenError. A unix socket is bound under a temporary name,
  // given its mode, then linked into place, so it never appears with the
  // wrong permissions; a live socket already there is an error, a stale
  // one is replaced.
  static Listener open(const HttpServerConfig& config);

  Listener(Listener&&) = default;
  Listener& operator=(Listener&&) = default;
  ~Listener();

  // A unix socket's mode and owner as `config` says (again, after a
  // reload); throws ListenError. Nothing for a TCP socket.
  void apply_ownership(const HttpServerConfig& config) const;

  int fd() const { return fd_.get(); }
  bool is_unix() const { return !unix_path_.empty(); }
  const std::string& description() const { return description_; }

 private:
  Listener() = default;
  UniqueFd fd_;
  std::string unix_path_;
  std::string description_;
};

}  // namespace sn
