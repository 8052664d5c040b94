#include "lib/util/log_sinks.h"

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

void SyslogLogSink::emit(LogLevel, std::string_view line) {
  // "YYYY-MM-DD HH:MM:SS,mmm LEVEL ": repeated before every line of the record.
  size_t prefix_end = line.find(' ');
  for (int k = 0; k < 2 && prefix_end != std::string_view::npos; ++k) prefix_end = line.find(' ', prefix_end + 1);
  std::string_view prefix = prefix_end == std::string_view::npos ? "" : line.substr(0, prefix_end + 1);
  std::string_view body = line.substr(prefix.size());
  for_each_syslog_line(body, SyslogSocket::kMaxText - prefix.size() - 1, [&](std::string_view one) {
    record_.assign(prefix);
    record_.append(one);
    record_.push_back('\n');
    socket_.send(record_);
  });
}

}  // namespace sn
