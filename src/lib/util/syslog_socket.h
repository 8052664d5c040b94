// The local syslog socket, written the way glibc's syslog(3) writes to it
// ("<PRI>Mmm dd hh:mm:ss TAG: TEXT" datagrams), except that it never
// blocks: when the socket is missing or its queue is full a record is
// dropped and counted. The owner hears when records start being dropped and
// how many were, when the socket takes them again (at most every 10 s) or
// at exit: never once per record.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <string>
#include <string_view>

#include "lib/util/clock.h"
#include "lib/util/unique_fd.h"

namespace sn {

class SyslogSocket {
 public:
  // Facility user, priority info: what supervisor's syslog.syslog(msg) sends.
  static constexpr int kUserInfo = 8 | 6;
  // Longer texts are cut into several records: rsyslog's default limit
  // (8096 bytes) must hold a record with its header.
  static constexpr size_t kMaxText = 8000;

  // `path` is where the records go, `tag` names the sender in each record.
  SyslogSocket(std::string path, std::string tag, const Clock& clock = SystemClock::instance());

  // /dev/log, unless SN_SYSLOG_SOCKET names another socket (for tests).
  static std::string default_path();

  // Sends `text` (at most kMaxText bytes; the caller cuts) as one record.
  void send(std::string_view text, int priority = kUserInfo);

  // Says how many dropped records no message has counted yet (at exit).
  void report_pending();

  const std::string& path() const { return path_; }
  uint64_t dropped() const { return dropped_total_; }
  // Gets "records are being dropped" and "taken again, N dropped" messages.
  void set_reporter(std::function<void(const std::string&)> reporter) { reporter_ = std::move(reporter); }

 private:
  // 0 when connected; else why not (a missing socket is tried again at
  // most once a second, not for every record).
  int connect_error();
  int try_connect();
  void note_drop(int err);
  void note_success();
  void report(const std::string& message);
  std::string_view header(int priority);

  std::string path_;
  std::string tag_;
  const Clock* clock_;
  UniqueFd fd_;
  int64_t next_connect_ns_ = 0;
  int last_connect_error_ = 0;
  uint64_t dropped_total_ = 0;
  static constexpr int64_t kSummaryQuietNs = 10 * kNanosPerSecond;
  uint64_t unreported_drops_ = 0;  // not yet counted in a message
  bool announced_ = false;         // "dropped until it takes records again" said for them
  int64_t next_summary_ns_ = 0;
  bool reporting_ = false;
  std::function<void(const std::string&)> reporter_;
  time_t header_second_ = -1;
  int header_priority_ = -1;
  std::string header_;
  std::string record_;
};

// Splits `text` as supervisor's syslog handler does (trailing newlines
// dropped, one record per remaining line, empty lines kept) and cuts lines
// longer than `max` bytes into several, never inside a UTF-8 sequence.
// Bytes that are not UTF-8 pass through as they are.
void for_each_syslog_line(std::string_view text, size_t max, const std::function<void(std::string_view)>& fn);

}  // namespace sn
