#include "supervisord/rpc/log_reading.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util/unique_fd.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {
namespace {

// Reads up to `length` bytes at `offset` (all of the rest when length < 0).
bool read_at(int fd, int64_t offset, int64_t length, std::string* out) {
  char buf[64 * 1024];
  while (length != 0) {
    size_t want = length < 0 ? sizeof buf : static_cast<size_t>(std::min<int64_t>(length, sizeof buf));
    ssize_t n = ::pread(fd, buf, want, offset);
    if (n < 0) return false;
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
    offset += n;
    if (length > 0) length -= n;
  }
  return true;
}

int64_t size_of(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 ? st.st_size : -1;
}

}  // namespace

std::string read_log_range(const std::string& path, int64_t offset, int64_t length) {
  if ((offset < 0 && length != 0) || length < 0) throw RpcError(FaultCode::kBadArguments);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw RpcError(FaultCode::kFailed);
  std::string data;
  if (offset < 0) {
    int64_t size = size_of(fd.get());
    int64_t pos = std::max<int64_t>(size + offset, 0);
    if (size < 0 || !read_at(fd.get(), pos, -offset, &data)) throw RpcError(FaultCode::kFailed);
  } else if (!read_at(fd.get(), offset, length == 0 ? -1 : length, &data)) {
    throw RpcError(FaultCode::kFailed);
  }
  return data;
}

TailResult tail_log(const std::string& path, int64_t offset, int64_t length) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  int64_t size = fd ? size_of(fd.get()) : -1;
  if (size < 0) return {"", offset, false};
  TailResult r;
  if (size > offset + length) {
    r.overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) length = 0;
    offset = std::max<int64_t>(size - length, 0);
    length = std::max<int64_t>(length, 0);
  }
  if (length > 0 && !read_at(fd.get(), offset, length, &r.data)) return {"", offset, false};
  r.offset = size;
  return r;
}

}  // namespace sn
