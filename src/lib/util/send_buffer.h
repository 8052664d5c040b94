// Bytes waiting to go out on a non-blocking socket, kept as the pieces
// they were produced in: a large answer is moved in, not copied, sent
// with scatter-gather writes, and each piece is freed as soon as it is out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sn {

class SendBuffer {
 public:
  void append(std::string bytes);
  // Moves everything pending in `other` to the end of this buffer.
  void append(SendBuffer&& other);

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  enum class Result { kAllSent, kWouldBlock, kError };
  // Writes until done or the socket is full; kError leaves errno set.
  Result send_to(int fd);
  // Drops `n` bytes from the front, as if they had been sent.
  void consume(size_t n);

 private:
  std::vector<std::string> pieces_;
  size_t first_ = 0;   // pieces before it are sent
  size_t offset_ = 0;  // bytes of pieces_[first_] already sent
  size_t size_ = 0;
};

}  // namespace sn
