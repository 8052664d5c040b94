// The main (activity) log: supervisor's line format
// "YYYY-MM-DD HH:MM:SS,mmm LEVEL message\n" in local time, sent to every sink.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/clock.h"
#include "lib/util/log_level.h"

namespace sn {

class LogSink {
 public:
  virtual ~LogSink() = default;
  // `line` is a whole formatted record, newline included.
  virtual void emit(LogLevel level, std::string_view line) = 0;
  virtual void reopen() {}
};

class Logger {
 public:
  explicit Logger(const Clock& clock = SystemClock::instance()) : clock_(&clock) {}

  void set_level(LogLevel level) { level_ = level; }
  LogLevel level() const { return level_; }
  bool enabled(LogLevel level) const { return level >= level_; }

  void log(LogLevel level, std::string_view message);
  void critical(std::string_view m) { log(LogLevel::kCritical, m); }
  void error(std::string_view m) { log(LogLevel::kError, m); }
  void warn(std::string_view m) { log(LogLevel::kWarn, m); }
  void info(std::string_view m) { log(LogLevel::kInfo, m); }
  void debug(std::string_view m) { log(LogLevel::kDebug, m); }
  void trace(std::string_view m) { log(LogLevel::kTrace, m); }
  void blather(std::string_view m) { log(LogLevel::kBlather, m); }

  void add_sink(std::unique_ptr<LogSink> sink) { sinks_.push_back(std::move(sink)); }
  void clear_sinks() { sinks_.clear(); }
  void reopen();

  // "2026-11-25 02:26:13,688" for a wall-clock time.
  static std::string format_timestamp(double wall_seconds);

 private:
  const Clock* clock_;
  LogLevel level_ = LogLevel::kInfo;
  std::vector<std::unique_ptr<LogSink>> sinks_;
};

}  // namespace sn
