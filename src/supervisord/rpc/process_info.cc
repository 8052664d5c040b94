#include "supervisord/rpc/process_info.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>

namespace sn {

int64_t capped_time(double t) {
  double whole = std::trunc(t);
  if (whole < std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::min();
  if (whole > std::numeric_limits<int32_t>::max()) return std::numeric_limits<int32_t>::max();
  return static_cast<int64_t>(whole);
}

std::string format_uptime(int64_t seconds) {
  if (seconds < 0) seconds = 0;
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  auto two_digits = [](int64_t n) {
    return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
  };
  std::string clock = std::to_string(rest / 3600) + ":" + two_digits(rest / 60 % 60) + ":" + two_digits(rest % 60);
  if (days == 0) return clock;
  return std::to_string(days) + (days == 1 ? " day, " : " days, ") + clock;
}

namespace {

// healthcheck=: ", healthy", ", unhealthy: HTTP 500"; nothing before the first check.
std::string health_suffix(const Process& p) {
  switch (p.health()) {
    case Health::kHealthy: return ", healthy";
    case Health::kUnhealthy: return ", unhealthy: " + p.health_error();
    case Health::kUnknown: break;
  }
  return "";
}

}  // namespace

std::string process_description(const Process& p, double now) {
  if (p.waiting() && !p.child()) return "waiting for " + p.waiting_for();
  switch (p.state()) {
    case ProcessState::kRunning:
      return "pid " + std::to_string(p.pid()) + ", uptime " +
             format_uptime(capped_time(now) - capped_time(p.start_time())) + (p.resumed() ? " [resumed]" : "") +
             (p.status().empty() ? "" : ", " + p.status()) + health_suffix(p);
    case ProcessState::kFatal:
    case ProcessState::kBackoff:
      return p.spawn_error().empty() ? "unknown error (try \"tail " + p.name() + "\")" : p.spawn_error();
    case ProcessState::kStopped:
    case ProcessState::kExited: {
      if (p.start_time() == 0) return "Not started";
      time_t stop = static_cast<time_t>(p.stop_time());
      struct tm tm;
      localtime_r(&stop, &tm);
      char buf[64];
      std::strftime(buf, sizeof buf, "%b %d %I:%M %p", &tm);
      return buf;
    }
    default: return "";
  }
}

XmlRpcValue process_info(const Process& p, double now) {
  XmlRpcValue::Struct s;
  s.reserve(15);
  s.emplace_back("name", p.name());
  s.emplace_back("group", p.group_name());
  s.emplace_back("start", capped_time(p.start_time()));
  s.emplace_back("stop", capped_time(p.stop_time()));
  s.emplace_back("now", capped_time(now));
  s.emplace_back("state", static_cast<int>(p.state()));
  s.emplace_back("statename", std::string(process_state_name(p.state())));
  s.emplace_back("spawnerr", p.spawn_error());
  s.emplace_back("exitstatus", p.exit_status().value_or(0));
  s.emplace_back("logfile", p.stdout_log_path());
  s.emplace_back("stdout_logfile", p.stdout_log_path());
  s.emplace_back("stderr_logfile", p.stderr_log_path());
  s.emplace_back("pid", static_cast<int>(p.pid()));
  s.emplace_back("description", process_description(p, now));
  // The fork's key, only where its option is used: otherwise the result
  // is exactly supervisor 4.2's.
  if (p.outlives_daemon()) s.emplace_back("resumed", p.resumed());
  return XmlRpcValue(std::move(s));
}

}  // namespace sn
