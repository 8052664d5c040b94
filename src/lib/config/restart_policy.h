// How a program is retried and what its failure does to the daemon: the
// backoff between start attempts, how many failures count, the cool-off
// after FATAL and the daemon's action when the program fails or ends.
// Ours, not supervisor's; the defaults are supervisor's behaviour.
#pragma once

#include <climits>
#include <string>
#include <string_view>

namespace sn {

// startretries=infinite.
inline constexpr int kInfiniteRetries = INT_MAX;

// How long to wait before the next start attempt after a quick exit.
// supervisor's rule is linear: the n-th consecutive failure waits n
// seconds; exponential waits 1, 2, 4, 8... seconds.
enum class BackoffCurve { kLinear, kExponential };

struct BackoffPolicy {
  BackoffCurve curve = BackoffCurve::kLinear;
  int max_delay_secs = 0;  // 0: no cap
  int jitter_percent = 0;  // 0: none; else each delay is moved by up to +-this
  int window_secs = 0;     // startretries_window; 0: every failure since the last success counts

  bool operator==(const BackoffPolicy&) const = default;
};

// fatal_action / exit_action: none, shutdown, exit:N.
struct FailureAction {
  enum class Kind { kNone, kShutdown, kExit };
  Kind kind = Kind::kNone;
  int status = 0;  // the daemon's exit status (shutdown: 0)

  bool active() const { return kind != Kind::kNone; }
  std::string text() const;
  bool operator==(const FailureAction&) const = default;
};

// Throw ValueError saying what was expected.
BackoffCurve parse_backoff_curve(std::string_view v);
FailureAction parse_failure_action(std::string_view v);
// A number, or "infinite".
int parse_start_retries(std::string_view v);

}  // namespace sn
