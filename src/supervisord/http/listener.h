// The listening sockets of [inet_http_server] and [unix_http_server].
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/unique_fd.h"

namespace sn {

// Why a listener could not be opened or kept.
struct ListenFailure {
  std::string message;
  bool in_use = false;  // the address is taken (by another program, or by a socket of ours)
};

enum class Ownership { kApplied, kSocketFileGone, kFailed };

// A bound, listening, non-blocking socket; a unix socket file is removed
// when the listener goes away (if it is still the one it made).
class Listener {
 public:
  // A unix socket is bound under a temporary name, given its mode, then
  // linked into place, so it never appears with the wrong permissions; a
  // live socket already there is a failure, a stale one is replaced.
  static std::optional<Listener> open(const HttpServerConfig& config, ListenFailure* failure);

  Listener(Listener&&) = default;
  Listener& operator=(Listener&&) = default;
  ~Listener();

  // A unix socket's mode and owner as `config` says (again, after a
  // reload), set on the socket file it made and nothing else: kSocketFileGone
  // when that file is gone or something else stands at its path (never
  // follows a link there), kFailed (with why) when chmod or chown fail.
  // kApplied for a TCP socket.
  Ownership apply_ownership(const HttpServerConfig& config, std::string* error) const;

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
