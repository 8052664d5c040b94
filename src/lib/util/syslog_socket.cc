#include "lib/util/syslog_socket.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace sn {

SyslogSocket::SyslogSocket(std::string path, std::string tag, const Clock& clock)
    : path_(std::move(path)), tag_(std::move(tag)), clock_(&clock) {}

std::string SyslogSocket::default_path() {
  const char* override_path = std::getenv("SN_SYSLOG_SOCKET");
  return override_path && *override_path ? override_path : "/dev/log";
}

int SyslogSocket::connect_error() {
  if (fd_) return 0;
  int64_t now = clock_->monotonic_ns();
  if (now < next_connect_ns_) return last_connect_error_;
  next_connect_ns_ = now + kNanosPerSecond;
  last_connect_error_ = try_connect();
  return last_connect_error_;
}

int SyslogSocket::try_connect() {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path_.size() >= sizeof addr.sun_path) return ENAMETOOLONG;
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  UniqueFd fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return errno;
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return errno;
  fd_ = std::move(fd);
  return 0;
}

std::string_view SyslogSocket::header(int priority) {
  double wall = clock_->wall_seconds();
  time_t second = static_cast<time_t>(std::floor(wall));
  if (second != header_second_ || priority != header_priority_) {
    tm local{};
    ::localtime_r(&second, &local);
    char when[32];
    size_t n = std::strftime(when, sizeof when, "%b %e %T", &local);
    header_ = "<" + std::to_string(priority) + ">" + std::string(when, n) + " " + tag_ + ": ";
    header_second_ = second;
    header_priority_ = priority;
  }
  return header_;
}

void SyslogSocket::send(std::string_view text, int priority) {
  if (int err = connect_error()) return note_drop(err);
  record_.assign(header(priority));
  record_.append(text);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (::send(fd_.get(), record_.data(), record_.size(), MSG_DONTWAIT | MSG_NOSIGNAL) >= 0) return note_success();
    int err = errno;
    if (err == EINTR) continue;
    if (err == EAGAIN || err == ENOBUFS) return note_drop(err);
    // The syslog daemon went away or was restarted: its new socket has the
    // same path, so connect again once, now.
    fd_.reset();
    next_connect_ns_ = 0;
    if (int again = connect_error()) return note_drop(again);
  }
  note_drop(EIO);
}

namespace {

std::string records(uint64_t n) { return std::to_string(n) + (n == 1 ? " record was" : " records were"); }

}  // namespace

void SyslogSocket::note_drop(int err) {
  ++dropped_total_;
  ++unreported_drops_;
  if (announced_) return;
  announced_ = true;
  report("syslog socket " + path_ + ": " + std::strerror(err) +
         "; output meant for syslog is dropped (and counted) until it takes records again");
}

// A socket at the edge of full takes one record and drops the next: the
// count of what was lost is said at most every kSummaryQuiet, not per record.
void SyslogSocket::note_success() {
  if (unreported_drops_ == 0) return;
  int64_t now = clock_->monotonic_ns();
  if (now < next_summary_ns_) return;
  next_summary_ns_ = now + kSummaryQuietNs;
  uint64_t n = unreported_drops_;
  unreported_drops_ = 0;
  announced_ = false;
  report("syslog socket " + path_ + " takes records again; " + records(n) + " dropped");
}

void SyslogSocket::report_pending() {
  if (unreported_drops_ == 0) return;
  uint64_t n = unreported_drops_;
  unreported_drops_ = 0;
  announced_ = false;
  report("syslog socket " + path_ + ": at exit, " + records(n) + " dropped since the last count");
}

void SyslogSocket::report(const std::string& message) {
  if (reporting_ || !reporter_) return;
  reporting_ = true;
  reporter_(message);
  reporting_ = false;
}

namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void for_each_syslog_line(std::string_view text, size_t max, const std::function<void(std::string_view)>& fn) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  for (;;) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    do {
      size_t cut = line.size();
      if (cut > max) {
        cut = max;
        // Back off to the start of a UTF-8 sequence (at most 3 bytes).
        for (size_t k = 0; k < 3 && cut > 1 && is_utf8_continuation(line[cut]); ++k) --cut;
      }
      fn(line.substr(0, cut));
      line.remove_prefix(cut);
    } while (!line.empty());
    if (nl == std::string_view::npos) return;
    text.remove_prefix(nl + 1);
  }
}

}  // namespace sn
