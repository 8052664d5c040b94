// Tested by t/integration/test_supervisorctl.py (the shell through a pipe, fg in it).
#include "supervisorctl/stdin_lines.h"

#include <unistd.h>

#include <cerrno>

#include "supervisorctl/interruption.h"

namespace sn {

std::optional<std::string> read_stdin_line() {
  std::string line;
  for (;;) {
    char c;
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n == 1) {
      if (c == '\n') return line;
      line += c;
      continue;
    }
    if (n < 0 && errno == EINTR && !interrupted()) continue;
    if (n == 0 && !line.empty()) return line;  // a last line without its newline
    return std::nullopt;
  }
}

}  // namespace sn
