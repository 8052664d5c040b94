#include "lib/util/logger.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace sn {

std::string Logger::format_timestamp(double wall_seconds) {
  double whole = std::floor(wall_seconds);
  time_t t = static_cast<time_t>(whole);
  int millis = static_cast<int>((wall_seconds - whole) * 1000.0);
  if (millis > 999) millis = 999;
  struct tm tm;
  localtime_r(&t, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ",%03d", millis);
  return buf;
}

void Logger::log(LogLevel level, std::string_view message) {
  if (!enabled(level) || sinks_.empty()) return;
  std::string line = format_timestamp(clock_->wall_seconds());
  line += ' ';
  line += log_level_code(level);
  line += ' ';
  line += message;
  line += '\n';
  for (auto& sink : sinks_) sink->emit(level, line);
}

void Logger::reopen() {
  for (auto& sink : sinks_) sink->reopen();
}

}  // namespace sn
