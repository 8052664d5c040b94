// One SSH connection through libssh2, on a non-blocking socket: every step
// waits in poll() for the socket, up to the deadline the caller gives, so a
// host that stops answering costs a timeout, never a hang. Host keys are
// checked against a known_hosts file: an unknown key is refused unless
// accept_new (then it is added), a changed key always. Errors are
// SshError with the step and libssh2's reason.
#pragma once

#include <libssh2.h>
#include <libssh2_sftp.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "lib/util/unique_fd.h"

namespace sn {

class SshError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SshLogin {
  std::string user;
  std::string password;       // "" : not tried
  std::string identity_file;  // "" : not tried
  bool use_agent = true;      // when SSH_AUTH_SOCK is set
};

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

class SshSession {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects, checks the host key and logs in, all before `deadline`.
  SshSession(const std::string& address, int port, const std::string& known_hosts, bool accept_new,
             const SshLogin& login, Clock::time_point deadline);
  ~SshSession();
  SshSession(const SshSession&) = delete;
  SshSession& operator=(const SshSession&) = delete;

  // Runs `command` through the remote user's shell.
  CommandResult run(const std::string& command, Clock::time_point deadline);
  // Writes `content` to `path` over SFTP with `mode`, replacing it.
  void upload(const std::string& path, const std::string& content, long mode, Clock::time_point deadline);

 private:
  struct SessionFree {
    void operator()(LIBSSH2_SESSION* s) const;
  };
  void connect_socket(const std::string& address, int port, Clock::time_point deadline);
  void check_host_key(const std::string& address, int port, const std::string& known_hosts, bool accept_new);
  void log_in(const SshLogin& login, Clock::time_point deadline);
  bool try_agent(const std::string& user, Clock::time_point deadline);
  // Waits until libssh2 can go on; throws when the deadline passes.
  void wait(Clock::time_point deadline, const char* step);
  // Calls `op` again, after a wait, for as long as libssh2 says EAGAIN
  // (a negative code, or a null pointer with EAGAIN as the session's error).
  template <class Op>
  auto again(Clock::time_point deadline, const char* step, Op op) {
    for (;;) {
      auto rc = op();
      bool would_block;
      if constexpr (std::is_pointer_v<decltype(rc)>)
        would_block = !rc && libssh2_session_last_errno(session_.get()) == LIBSSH2_ERROR_EAGAIN;
      else would_block = rc == LIBSSH2_ERROR_EAGAIN;
      if (!would_block) return rc;
      wait(deadline, step);
    }
  }
  // Cleanup that must not hang on a host that stopped answering.
  template <class Op>
  void briefly(const char* step, Op op) {
    try {
      again(Clock::now() + std::chrono::seconds(2), step, op);
    } catch (const SshError&) {
    }
  }
  std::string last_error() const;

  std::string where_;  // "host:port", for messages
  UniqueFd socket_;
  std::unique_ptr<LIBSSH2_SESSION, SessionFree> session_;
};

}  // namespace sn
