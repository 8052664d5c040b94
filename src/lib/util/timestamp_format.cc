#include "lib/util/timestamp_format.h"

#include <cinttypes>
#include <cstdio>

namespace sn {
namespace {

// TAI64 labels count from 2^62, and TAI was 10 s ahead of UTC in 1970;
// like daemontools, leap seconds since then are not added.
constexpr uint64_t kTai64Epoch = (uint64_t{1} << 62) + 10;

// "%N" (9 digits) or "%3N", "%6N", "%9N" at `pattern[i]` == '%': its
// length in the pattern and its digit count, or {0, 0}.
std::pair<size_t, int> fraction_directive(std::string_view pattern, size_t i) {
  if (i + 1 < pattern.size() && pattern[i + 1] == 'N') return {2, 9};
  if (i + 2 < pattern.size() && pattern[i + 2] == 'N') {
    char d = pattern[i + 1];
    if (d == '3' || d == '6' || d == '9') return {3, d - '0'};
  }
  return {0, 0};
}

// The pattern with its fraction directives replaced by digits, ready for strftime.
std::string expand_fractions(std::string_view pattern, long nanos) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      out.append("%%");
      ++i;
      continue;
    }
    auto [length, digits] = fraction_directive(pattern, i);
    if (length == 0) {
      out.push_back(c);
      continue;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09ld", nanos);
    out.append(buf, static_cast<size_t>(digits));
    i += length - 1;
  }
  return out;
}

// strftime into `out`; false when the result does not fit kMaxTimestampBytes.
bool strftime_into(std::string* out, const std::string& pattern, const tm& when) {
  char buf[kMaxTimestampBytes + 1];
  // A leading space tells "empty result" from "did not fit" apart.
  std::string padded = " " + pattern;
  size_t n = std::strftime(buf, sizeof buf, padded.c_str(), &when);
  if (n == 0) return false;
  out->append(buf + 1, n - 1);
  return true;
}

}  // namespace

std::string_view TimestampFormat::format(const timespec& when) {
  out_.clear();
  switch (style_.kind) {
    case TimestampStyle::Kind::kNone: return out_;
    case TimestampStyle::Kind::kIso8601: format_calendar(when, false); break;
    case TimestampStyle::Kind::kUtc: format_calendar(when, true); break;
    case TimestampStyle::Kind::kTai64n: format_tai64n(when); break;
    case TimestampStyle::Kind::kPattern: format_pattern(when); break;
  }
  out_.push_back(' ');
  return out_;
}

void TimestampFormat::format_calendar(const timespec& when, bool utc) {
  if (when.tv_sec != cached_second_) {
    tm t{};
    if (utc) ::gmtime_r(&when.tv_sec, &t);
    else ::localtime_r(&when.tv_sec, &t);
    char date[64];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &t);
    cached_date_ = date;
    if (utc) {
      cached_zone_ = "Z";
    } else {
      long offset = t.tm_gmtoff;
      unsigned long magnitude = static_cast<unsigned long>(offset < 0 ? -offset : offset);
      char zone[16];
      std::snprintf(zone, sizeof zone, "%c%02u:%02u", offset < 0 ? '-' : '+',
                    static_cast<unsigned>(magnitude / 3600 % 100), static_cast<unsigned>(magnitude / 60 % 60));
      cached_zone_ = zone;
    }
    cached_second_ = when.tv_sec;
  }
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03u", static_cast<unsigned>(when.tv_nsec / 1'000'000) % 1000u);
  out_.append(cached_date_).append(millis).append(cached_zone_);
}

void TimestampFormat::format_tai64n(const timespec& when) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "@%016" PRIx64 "%08lx", kTai64Epoch + static_cast<uint64_t>(when.tv_sec),
                static_cast<unsigned long>(when.tv_nsec));
  out_.append(buf);
}

void TimestampFormat::format_pattern(const timespec& when) {
  tm t{};
  ::localtime_r(&when.tv_sec, &t);
  // Checked when the configuration was read, so this fits.
  strftime_into(&out_, expand_fractions(style_.pattern, when.tv_nsec), t);
}

std::string check_timestamp_pattern(std::string_view pattern) {
  if (pattern.find('%') == std::string_view::npos) return "a strftime pattern needs at least one % directive";
  // The longest a stamp can be: every field at its widest, a fraction of
  // all nines.
  tm widest{};
  widest.tm_year = 8099;
  widest.tm_mon = 8;
  widest.tm_mday = 30;
  widest.tm_hour = 23;
  widest.tm_min = 59;
  widest.tm_sec = 59;
  widest.tm_wday = 3;
  widest.tm_yday = 272;
  std::string out;
  if (!strftime_into(&out, expand_fractions(pattern, 999'999'999), widest))
    return "its stamps would be longer than " + std::to_string(kMaxTimestampBytes) + " bytes";
  if (out.find('\n') != std::string::npos) return "a stamp may not hold a newline";
  return "";
}

}  // namespace sn
