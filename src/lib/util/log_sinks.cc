#include "lib/util/log_sinks.h"

#include <syslog.h>
#include <unistd.h>

#include <cerrno>

namespace sn {

void FdLogSink::emit(LogLevel, std::string_view line) {
  while (!line.empty()) {
    ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed terminal must not stop the daemon
    line.remove_prefix(static_cast<size_t>(n));
  }
}

SyslogLogSink::SyslogLogSink(const std::string& ident) : ident_(ident) {
  ::openlog(ident_.c_str(), LOG_PID, LOG_DAEMON);
}

void SyslogLogSink::emit(LogLevel level, std::string_view line) {
  int priority = LOG_INFO;
  if (level >= LogLevel::kCritical) priority = LOG_CRIT;
  else if (level >= LogLevel::kError) priority = LOG_ERR;
  else if (level >= LogLevel::kWarn) priority = LOG_WARNING;
  else if (level < LogLevel::kInfo) priority = LOG_DEBUG;
  // The timestamp is syslog's business; send "LEVEL message", one record per line.
  size_t skip = line.find(' ', line.find(' ') + 1);
  std::string_view body = skip == std::string_view::npos ? line : line.substr(skip + 1);
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view one = body.substr(0, nl);
    if (!one.empty()) ::syslog(priority, "%.*s", static_cast<int>(one.size()), one.data());
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
}

}  // namespace sn
