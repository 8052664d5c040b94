// The listening sockets of [inet_http_server] and [unix_http_server].
#pragma once

#include <sys/types.h>

#include <stdexcept>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/unique_fd.h"

namespace sn {

class ListenError : public std::runtime_error {
 public:
  explicit ListenError(const std::string& what, bool in_use = false) : std::runtime_error(what), in_use_(in_use) {}
  // The address is taken (by another program, or by a socket of ours).
  bool in_use() const { return in_use_; }

 private:
  bool in_use_;
};

// A bound, listening, non-blocking socket; a unix socket file is removed
// when the listener goes away (if it is still the one it made).
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
  // reload), set on the socket file it made and nothing else: false when
  // that file is gone or something else stands at its path (never follows
  // a link there). Throws ListenError when chmod or chown fail. True for a
  // TCP socket.
  bool apply_ownership(const HttpServerConfig& config) const;

  int fd() const { return fd_.get(); }
  bool is_unix() const { return !unix_path_.empty(); }
  const std::string& description() const { return description_; }

 private:
  Listener() = default;
  // The open handle of our socket file at its path, or an invalid one.
  UniqueFd own_socket_file() const;

  UniqueFd fd_;
  std::string unix_path_;
  dev_t unix_dev_ = 0;  // the socket file it made
  ino_t unix_ino_ = 0;
  std::string description_;
};

}  // namespace sn
