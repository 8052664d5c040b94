// A response body produced piece by piece as the socket drains, so that a
// large answer never sits whole in memory: the server asks for the next
// piece only when little of the answer is waiting to be sent.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

namespace sn {

class BodySource {
 public:
  virtual ~BodySource() = default;
  // The exact number of bytes it will produce (its Content-Length).
  virtual uint64_t size() const = 0;
  // Appends about `max` next bytes (at most a few more) to *out; false once
  // nothing is left.
  virtual bool read(std::string* out, size_t max) = 0;
  // After the last read: true when fewer (or more) bytes than size() came
  // out (a file it reads from shrank meanwhile).
  virtual bool failed() const = 0;
};

// A body already in memory, handed out in pieces (so a large one is not
// copied into the send queue whole).
class StringBodySource : public BodySource {
 public:
  explicit StringBodySource(std::string body) : body_(std::move(body)), size_(body_.size()) {}
  uint64_t size() const override { return size_; }
  bool read(std::string* out, size_t max) override {
    size_t n = std::min(max, body_.size() - sent_);
    out->append(body_, sent_, n);
    sent_ += n;
    if (sent_ < body_.size()) return true;
    std::string().swap(body_);
    return false;
  }
  bool failed() const override { return false; }

 private:
  std::string body_;
  size_t size_;
  size_t sent_ = 0;
};

}  // namespace sn
