#include "lib/util/send_buffer.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace sn {
namespace {

// Small pieces (chunks of a log tail) are joined so that a stream of them
// does not become one iovec each.
constexpr size_t kJoinBelow = 4096;
constexpr size_t kJoinedPieceMax = 64 * 1024;
constexpr size_t kMaxIovecs = 16;

}  // namespace

void SendBuffer::append(std::string bytes) {
  if (bytes.empty()) return;
  size_ += bytes.size();
  if (first_ < pieces_.size() && bytes.size() < kJoinBelow && pieces_.back().size() + bytes.size() <= kJoinedPieceMax) {
    pieces_.back() += bytes;
    return;
  }
  pieces_.push_back(std::move(bytes));
}

void SendBuffer::append(SendBuffer&& other) {
  for (size_t i = other.first_; i < other.pieces_.size(); ++i) {
    std::string& piece = other.pieces_[i];
    if (i == other.first_ && other.offset_ > 0) piece.erase(0, other.offset_);
    append(std::move(piece));
  }
  other.pieces_.clear();
  other.first_ = other.offset_ = other.size_ = 0;
}

void SendBuffer::consume(size_t n) {
  size_ -= n;
  while (n > 0) {
    std::string& piece = pieces_[first_];
    size_t left = piece.size() - offset_;
    if (n < left) {
      offset_ += n;
      return;
    }
    n -= left;
    std::string().swap(piece);  // give the memory back now, not when the queue drains
    ++first_;
    offset_ = 0;
  }
  if (first_ == pieces_.size()) {
    pieces_.clear();
    if (pieces_.capacity() > kMaxIovecs) pieces_.shrink_to_fit();
    first_ = 0;
  }
}

SendBuffer::Result SendBuffer::send_to(int fd) {
  while (size_ > 0) {
    iovec iov[kMaxIovecs];
    size_t count = 0;
    for (size_t i = first_; i < pieces_.size() && count < kMaxIovecs; ++i, ++count) {
      size_t skip = i == first_ ? offset_ : 0;
      iov[count].iov_base = pieces_[i].data() + skip;
      iov[count].iov_len = pieces_[i].size() - skip;
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = count;
    ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN ? Result::kWouldBlock : Result::kError;
    }
    consume(static_cast<size_t>(n));
  }
  return Result::kAllSent;
}

}  // namespace sn
