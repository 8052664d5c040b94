#include "lib/util/read_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "lib/util/unique_fd.h"

namespace sn {

std::optional<std::string> read_whole_file(const std::string& path, int* error) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    *error = errno;
    return std::nullopt;
  }
  std::string out;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) return out;
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = errno;
      return std::nullopt;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace sn
