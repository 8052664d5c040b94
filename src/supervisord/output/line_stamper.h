// Puts a timestamp before every line a child writes, for its log file
// (<channel>_log_timestamps). A line read in several pieces gets one stamp:
// the time its first byte was read. A line longer than kMaxLine is cut by
// a newline and goes on as a new stamped line, so that a child that never
// ends its line still gets stamps and its log still rotates.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "lib/util/timestamp_format.h"

namespace sn {

class LineStamper {
 public:
  static constexpr size_t kMaxLine = 64 * 1024;

  explicit LineStamper(TimestampStyle style) : format_(std::move(style)) {}

  struct Stamped {
    std::string_view text;
    size_t complete = 0;  // bytes of `text` up to the end of its last whole line
  };
  // `data` with stamps put in, as read at `when`. Valid until the next call
  // of any LineStamper.
  Stamped stamp(std::string_view data, const timespec& when);
  // The next byte starts a line (its log file was started again).
  void restart_line() { line_bytes_ = kAtLineStart; }

 private:
  static constexpr size_t kAtLineStart = static_cast<size_t>(-1);

  TimestampFormat format_;
  size_t line_bytes_ = kAtLineStart;  // of the current line, stamp excluded
};

}  // namespace sn
