// Tested by t/unit/restart_policy_test.cc.
#include "lib/config/restart_policy.h"

#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {

std::string FailureAction::text() const {
  switch (kind) {
    case Kind::kNone: return "none";
    case Kind::kShutdown: return "shutdown";
    case Kind::kExit: return "exit:" + std::to_string(status);
  }
  return "none";
}

BackoffCurve parse_backoff_curve(std::string_view v) {
  std::string lower = to_lower(trim(v));
  if (lower == "linear") return BackoffCurve::kLinear;
  if (lower == "exponential") return BackoffCurve::kExponential;
  throw ValueError("expected linear or exponential, got " + py_repr(std::string(trim(v))));
}

FailureAction parse_failure_action(std::string_view v) {
  std::string lower = to_lower(trim(v));
  if (lower == "none") return {};
  if (lower == "shutdown") return {FailureAction::Kind::kShutdown, 0};
  if (lower.rfind("exit:", 0) == 0) {
    int status = -1;
    try {
      status = parse_int32(lower.substr(5));
    } catch (const ValueError&) {
    }
    if (status >= 0 && status <= 255) return {FailureAction::Kind::kExit, status};
  }
  throw ValueError("expected none, shutdown or exit:N (N from 0 to 255), got " + py_repr(std::string(trim(v))));
}

int parse_start_retries(std::string_view v) {
  if (to_lower(trim(v)) == "infinite") return kInfiniteRetries;
  return parse_int32(v);
}

}  // namespace sn
