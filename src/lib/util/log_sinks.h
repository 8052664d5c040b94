// Where main-log records go: a rotating file, a file descriptor
// (stdout in the foreground), or syslog.
#pragma once

#include <functional>
#include <string>

#include "lib/util/logger.h"
#include "lib/util/rotating_file.h"
#include "lib/util/syslog_socket.h"

namespace sn {

class FileLogSink final : public LogSink {
 public:
  FileLogSink(std::string path, int64_t maxbytes, int backups) : file_(std::move(path), maxbytes, backups) {}
  int open() { return file_.open(); }
  void emit(LogLevel, std::string_view line) override {
    file_.write(line);
    if (after_write_) after_write_();
  }
  // Runs after every record (tells /mainlogtail readers).
  void set_after_write(std::function<void()> f) { after_write_ = std::move(f); }
  void reopen() override { file_.reopen(); }
  RotatingFile& file() { return file_; }

 private:
  RotatingFile file_;
  std::function<void()> after_write_;
};

// Writes to a descriptor it does not own (stdout stays open).
class FdLogSink final : public LogSink {
 public:
  explicit FdLogSink(int fd) : fd_(fd) {}
  void emit(LogLevel, std::string_view line) override;

 private:
  int fd_;
};

// logfile=syslog: each line of a record is one syslog record holding the
// whole formatted line, date and level included, as supervisor sends it
// (facility user, priority info, whatever the level).
class SyslogLogSink final : public LogSink {
 public:
  explicit SyslogLogSink(SyslogSocket& socket) : socket_(socket) {}
  void emit(LogLevel level, std::string_view line) override;

 private:
  SyslogSocket& socket_;
  std::string record_;
};

}  // namespace sn
