// Tested by t/integration/test_supervisorctl.py (the shell through a pipe,
// fg in it, Ctrl-C at the password prompt).
#include "supervisorctl/stdin_lines.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "supervisorctl/interruption.h"

namespace sn {
namespace {

// SIGINT stays blocked except while waiting in ppoll(), so a Ctrl-C that
// comes just before the wait is not lost: ppoll returns at once for it.
class InterruptibleWait {
 public:
  InterruptibleWait() {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &old_);
  }
  ~InterruptibleWait() { sigprocmask(SIG_SETMASK, &old_, nullptr); }
  InterruptibleWait(const InterruptibleWait&) = delete;
  InterruptibleWait& operator=(const InterruptibleWait&) = delete;

  // False on Ctrl-C.
  bool until_readable() {
    for (;;) {
      if (interrupted()) return false;
      pollfd p{STDIN_FILENO, POLLIN, 0};
      int n = ::ppoll(&p, 1, nullptr, &old_);
      if (n > 0) return true;
      if (n < 0 && errno != EINTR) return true;  // let read() report it
    }
  }

 private:
  sigset_t old_;
};

}  // namespace

std::optional<std::string> read_stdin_line() {
  InterruptibleWait wait;
  std::string line;
  for (;;) {
    if (!wait.until_readable()) return std::nullopt;
    char c;
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n == 1) {
      if (c == '\n') return line;
      line += c;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 && !line.empty()) return line;  // a last line without its newline
    return std::nullopt;
  }
}

}  // namespace sn
