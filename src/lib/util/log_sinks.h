// Where main-log records go: a rotating file, a file descriptor
// (stdout in the foreground), or syslog.
#pragma once

#include <string>

#include "lib/util/logger.h"
#include "lib/util/rotating_file.h"

namespace sn {

class FileLogSink final : public LogSink {
 public:
  FileLogSink(std::string path, int64_t maxbytes, int backups) : file_(std::move(path), maxbytes, backups) {}
  int open() { return file_.open(); }
  void emit(LogLevel, std::string_view line) override { file_.write(line); }
  void reopen() override { file_.reopen(); }
  RotatingFile& file() { return file_; }

 private:
  RotatingFile file_;
};

// Writes to a descriptor it does not own (stdout stays open).
class FdLogSink final : public LogSink {
 public:
  explicit FdLogSink(int fd) : fd_(fd) {}
  void emit(LogLevel, std::string_view line) override;

 private:
  int fd_;
};

class SyslogLogSink final : public LogSink {
 public:
  explicit SyslogLogSink(const std::string& ident);
  void emit(LogLevel level, std::string_view line) override;

 private:
  std::string ident_;  // openlog() keeps the pointer
};

}  // namespace sn
