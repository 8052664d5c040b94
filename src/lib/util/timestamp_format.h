// The stamps <channel>_log_timestamps puts before each line of a child's
// log: ISO 8601 in local time with its offset, UTC as RFC 3339, TAI64N as
// daemontools and s6 write it, or a strftime(3) pattern in local time in
// which %N, %3N, %6N and %9N stand for the fraction of the second (as in
// GNU date). Every stamp is followed by one space.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace sn {

struct TimestampStyle {
  enum class Kind { kNone, kIso8601, kUtc, kTai64n, kPattern };
  Kind kind = Kind::kNone;
  std::string pattern;  // for kPattern

  bool operator==(const TimestampStyle&) const = default;
};

// A stamp longer than this is refused when the configuration is read.
constexpr size_t kMaxTimestampBytes = 200;

class TimestampFormat {
 public:
  explicit TimestampFormat(TimestampStyle style) : style_(std::move(style)) {}

  // The stamp for `when` (wall clock), its trailing space included. The
  // view is valid until the next call.
  std::string_view format(const timespec& when);

 private:
  void format_calendar(const timespec& when, bool utc);
  void format_tai64n(const timespec& when);
  void format_pattern(const timespec& when);

  TimestampStyle style_;
  // The whole-second part of an ISO 8601 stamp, and its zone, per second.
  time_t cached_second_ = -1;
  std::string cached_date_;
  std::string cached_zone_;
  std::string out_;
};

// "" when `pattern` makes a usable stamp, else what is wrong with it.
std::string check_timestamp_pattern(std::string_view pattern);

}  // namespace sn
