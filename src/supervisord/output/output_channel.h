// One output pipe of a child (stdout or stderr): read when readable and
// written to the child's log file (rotated by size), optionally with ANSI
// escapes stripped, each line stamped, copied to syslog and into the main
// log at debug level.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "lib/util/rotating_file.h"
#include "lib/util/syslog_socket.h"
#include "lib/util/unique_fd.h"
#include "supervisord/output/capture_splitter.h"
#include "supervisord/output/file_watchers.h"
#include "supervisord/output/line_stamper.h"

namespace sn {

struct OutputChannelOptions {
  std::string process_name;
  std::string channel;  // "stdout" or "stderr"
  bool strip_ansi = false;
  Logger* main_log = nullptr;            // output is copied there at debug level
  SyslogSocket* syslog = nullptr;        // <channel>_syslog: each line there too, after "name "
  std::unique_ptr<LineStamper> stamper;  // <channel>_log_timestamps: stamps in the log file only
  FileWatchers* watchers = nullptr;      // told when the log file grows
  // Gets every chunk as read, before ANSI stripping (an event listener's
  // stdout is its protocol).
  std::function<void(std::string_view)> on_output;
  // Gets every chunk as logged, after ANSI stripping (PROCESS_LOG events).
  std::function<void(std::string_view)> on_logged;
  // Capture mode (<channel>_capture_maxbytes > 0): each finished capture.
  int64_t capture_maxbytes = 0;
  std::function<void(const std::string&)> on_capture;
};

class OutputChannel {
 public:
  // `log` may be null (the channel's logfile is NONE): output is read and dropped.
  OutputChannel(EventLoop& loop, UniqueFd pipe, std::unique_ptr<RotatingFile> log, OutputChannelOptions options);

  // Reads everything the pipe holds now (called before an exit is handled).
  void drain();
  bool closed() const { return !pipe_.valid(); }
  void reopen_log();
  // Deletes the log file and starts it again empty. 0 or errno.
  int clear_log();

 private:
  // Reads once; false when the pipe is empty or closed.
  bool read_once();
  void record(std::string_view data);
  void log_piece(std::string_view data, bool captured);
  void write_log(std::string_view data);
  void copy_to_syslog(std::string_view data);
  void close();

  UniqueFd pipe_;
  EventLoop::Watch watch_;
  std::unique_ptr<RotatingFile> log_;
  OutputChannelOptions options_;
  bool write_failed_ = false;
  bool pipe_enlarged_ = false;
  std::unique_ptr<CaptureSplitter> capture_;
};

}  // namespace sn
