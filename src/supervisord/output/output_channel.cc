#include "supervisord/output/output_channel.h"

#include <fcntl.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "lib/util/strings.h"
#include "supervisord/output/ansi_escapes.h"

namespace sn {
namespace {

// One buffer for every channel, and when it was filled: the daemon is
// single-threaded.
char g_read_buffer[64 * 1024];
timespec g_read_at;
// One syslog record at a time: its room is kept between reads.
std::string g_syslog_record;

// Bounds one readiness callback, so a child that writes without pause
// cannot keep the loop from everything else.
constexpr int kReadsPerWakeup = 16;
// Bounds drain(): a grandchild holding the pipe open could write forever.
constexpr int kReadsPerDrain = 64;
// A child that fills the 64 KiB default pipe gets a bigger one, so that it
// blocks, and wakes the daemon, 16 times less often. The pages are only
// allocated while they hold data, so a quiet pipe costs nothing more.
constexpr int kBusyPipeBytes = 1024 * 1024;

}  // namespace

OutputChannel::OutputChannel(EventLoop& loop, UniqueFd pipe, std::unique_ptr<RotatingFile> log,
                             OutputChannelOptions options)
    : pipe_(std::move(pipe)), log_(std::move(log)), options_(std::move(options)) {
  if (options_.capture_maxbytes > 0) {
    std::function<std::string(std::string_view)> strip;
    if (options_.strip_ansi) strip = [](std::string_view s) { return strip_ansi_escapes(s); };
    capture_ = std::make_unique<CaptureSplitter>(options_.capture_maxbytes, std::move(strip));
  }
  watch_ = loop.watch(pipe_.get(), EPOLLIN, [this](uint32_t) {
    for (int i = 0; i < kReadsPerWakeup && read_once(); ++i) {
    }
  });
}

void OutputChannel::drain() {
  for (int i = 0; i < kReadsPerDrain && read_once(); ++i) {
  }
}

bool OutputChannel::read_once() {
  if (!pipe_) return false;
  ssize_t n = ::read(pipe_.get(), g_read_buffer, sizeof g_read_buffer);
  if (n < 0) {
    if (errno == EINTR) return true;
    if (errno != EAGAIN) close();
    return false;
  }
  if (n == 0) {
    close();
    return false;
  }
  if (static_cast<size_t>(n) == sizeof g_read_buffer && !pipe_enlarged_) {
    pipe_enlarged_ = true;
    ::fcntl(pipe_.get(), F_SETPIPE_SZ, kBusyPipeBytes);  // best effort: limits may refuse it
  }
  std::string_view data(g_read_buffer, static_cast<size_t>(n));
  if (options_.stamper) ::clock_gettime(CLOCK_REALTIME, &g_read_at);
  record(data);
  if (options_.on_output) options_.on_output(data);
  return true;
}

void OutputChannel::record(std::string_view data) {
  if (!capture_) return log_piece(data, false);
  capture_->feed(
      data, [this](std::string_view piece, bool captured) { log_piece(piece, captured); },
      [this](const std::string& capture) {
        if (options_.on_capture) options_.on_capture(capture);
      });
}

// Captured text is not logged, but supervisor still reports it as output.
void OutputChannel::log_piece(std::string_view data, bool captured) {
  std::string stripped;
  if (options_.strip_ansi) {
    stripped = strip_ansi_escapes(data);
    data = stripped;
  }
  if (data.empty()) return;
  if (!captured && log_) write_log(data);
  if (!captured && options_.syslog) copy_to_syslog(data);
  if (!captured && options_.main_log && options_.main_log->enabled(LogLevel::kDebug)) {
    options_.main_log->debug(py_repr(options_.process_name) + " " + options_.channel + " output:\n" +
                             std::string(data));
  }
  if (options_.on_logged) options_.on_logged(data);
}

void OutputChannel::write_log(std::string_view data) {
  int err = 0;
  if (!options_.stamper) {
    err = log_->write(data);
  } else {
    // A rotated file must start with a stamp: rotate only after whole lines.
    LineStamper::Stamped stamped = options_.stamper->stamp(data, g_read_at);
    if (stamped.complete > 0) err = log_->write(stamped.text.substr(0, stamped.complete));
    if (!err && stamped.complete < stamped.text.size())
      err = log_->write(stamped.text.substr(stamped.complete), RotatingFile::kHoldRotation);
  }
  if (err && !write_failed_ && options_.main_log) {
    options_.main_log->error("could not write " + options_.channel + " of " + options_.process_name + " to " +
                             log_->path() + ": " + std::strerror(err));
  }
  write_failed_ = err != 0;
  if (options_.watchers && !options_.watchers->empty()) options_.watchers->changed(log_->path());
}

// As supervisor: one record per line of what was read, after the process's name.
void OutputChannel::copy_to_syslog(std::string_view data) {
  const std::string& name = options_.process_name;
  std::string& record = g_syslog_record;
  size_t room = SyslogSocket::kMaxText - std::min(name.size() + 1, SyslogSocket::kMaxText / 2);
  for_each_syslog_line(data, room, [&](std::string_view line) {
    record.assign(name).push_back(' ');
    record.append(line);
    options_.syslog->send(record);
  });
}

void OutputChannel::close() {
  watch_.reset();
  pipe_.reset();
}

void OutputChannel::reopen_log() {
  if (!log_) return;
  log_->reopen();
  if (options_.stamper) options_.stamper->restart_line();
}

int OutputChannel::clear_log() {
  if (!log_) return 0;
  if (options_.stamper) options_.stamper->restart_line();
  return log_->remove_and_reopen();
}

}  // namespace sn
