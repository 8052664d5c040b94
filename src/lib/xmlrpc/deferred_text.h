// Text an answer carries without holding it: a stretch of a log file, read
// only as the answer is sent, so that reading 25 MB of a log costs the
// daemon a piece of it at a time, not the whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sn {

class DeferredText {
 public:
  virtual ~DeferredText() = default;
  // Its length in bytes.
  virtual uint64_t size() const = 0;
  // Appends up to `max` of its bytes from `offset` to *out; false when they
  // cannot be read (the file shrank).
  virtual bool read(uint64_t offset, size_t max, std::string* out) const = 0;
  // All of it in memory, read once and kept: for the callers that need a
  // plain string (the web page's tail). "" when it cannot be read.
  const std::string& whole() const;

 private:
  mutable std::optional<std::string> whole_;
};

}  // namespace sn
