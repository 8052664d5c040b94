#include "lib/util/read_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "lib/util/unique_fd.h"

namespace sn {

std::optional<std::string> read_whole_file(const std::string& path, int* error) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    *error = errno;
    return std::nullopt;
  }
  std::string out;
  if ((*error = read_to_end(fd.get(), SIZE_MAX, &out))) return std::nullopt;
  return out;
}

int read_to_end(int fd, size_t max_bytes, std::string* out) {
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return 0;
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (static_cast<size_t>(n) > max_bytes - out->size()) return EFBIG;
    out->append(buf, static_cast<size_t>(n));
  }
}

}  // namespace sn
