// Tested by t/unit/log_reading_test.cc and t/integration/test_http.py.
#include "supervisord/rpc/log_reading.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "lib/util/unique_fd.h"
#include "lib/xmlrpc/xml_writer.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {
namespace {

// Appends up to `length` bytes at `offset`; false on a read error.
bool read_at(int fd, int64_t offset, int64_t length, std::string* out) {
  char buf[64 * 1024];
  while (length > 0) {
    size_t want = static_cast<size_t>(std::min<int64_t>(length, sizeof buf));
    ssize_t n = ::pread(fd, buf, want, offset);
    if (n < 0) return false;
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
    offset += n;
    length -= n;
  }
  return true;
}

// A stretch of a log, read from the descriptor opened when it was asked
// for (a rotation meanwhile renames the file; the bytes stay the same; a
// log emptied in place is never read this way).
class LogStretch : public DeferredText {
 public:
  LogStretch(UniqueFd fd, int64_t start, int64_t length) : fd_(std::move(fd)), start_(start), length_(length) {}
  uint64_t size() const override { return static_cast<uint64_t>(length_); }
  bool read(uint64_t offset, size_t max, std::string* out) const override {
    int64_t want = std::min<int64_t>(static_cast<int64_t>(max), length_ - static_cast<int64_t>(offset));
    size_t before = out->size();
    return read_at(fd_.get(), start_ + static_cast<int64_t>(offset), want, out) &&
           out->size() - before == static_cast<size_t>(want);
  }

 private:
  UniqueFd fd_;
  int64_t start_;
  int64_t length_;
};

// The log's descriptor and size; a missing file, or one that is not a
// regular file, is an invalid descriptor.
UniqueFd open_log(const std::string& path, int64_t* size) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  struct stat st;
  if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  *size = st.st_size;
  return fd;
}

// `length` bytes at `start` of the open log: read now when short (or when
// a rotation could rewrite them under a deferred read), else deferred.
std::optional<XmlRpcValue> stretch(UniqueFd fd, int64_t start, int64_t length, Rotation rotation) {
  if (length <= 0) return XmlRpcValue("");
  if (length < static_cast<int64_t>(kTextPieceBytes) || rotation == Rotation::kTruncatesInPlace) {
    std::string data;
    if (!read_at(fd.get(), start, length, &data)) return std::nullopt;
    return XmlRpcValue(std::move(data));
  }
  return XmlRpcValue::deferred(std::make_shared<LogStretch>(std::move(fd), start, length));
}

}  // namespace

Rotation rotation_of(int64_t maxbytes, int backups) {
  return maxbytes > 0 && backups <= 0 ? Rotation::kTruncatesInPlace : Rotation::kRenames;
}

XmlRpcValue read_log_range(const std::string& path, int64_t offset, int64_t length, Rotation rotation) {
  if ((offset < 0 && length != 0) || length < 0) throw RpcError(FaultCode::kBadArguments);
  int64_t size = 0;
  UniqueFd fd = open_log(path, &size);
  if (!fd) throw RpcError(FaultCode::kFailed);
  int64_t start = offset < 0 ? std::max<int64_t>(size + offset, 0) : std::min(offset, size);
  int64_t end = offset < 0 || length == 0 ? size : std::min(size, offset + length);
  std::optional<XmlRpcValue> data = stretch(std::move(fd), start, end - start, rotation);
  if (!data) throw RpcError(FaultCode::kFailed);
  return std::move(*data);
}

TailResult tail_log(const std::string& path, int64_t offset, int64_t length, Rotation rotation) {
  int64_t size = -1;
  UniqueFd fd = open_log(path, &size);
  if (!fd) return {XmlRpcValue(""), offset, false};
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
  std::optional<XmlRpcValue> data = stretch(std::move(fd), offset, std::min(length, size - offset), rotation);
  if (!data) return {XmlRpcValue(""), offset, false};
  r.data = std::move(*data);
  r.offset = size;
  return r;
}

}  // namespace sn
