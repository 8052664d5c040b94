// Tested by t/unit/health_tracker_test.cc.
#include "supervisord/process/health_tracker.h"

#include "lib/util/clock.h"

namespace sn {

std::string_view health_name(Health health) {
  switch (health) {
    case Health::kHealthy: return "HEALTHY";
    case Health::kUnhealthy: return "UNHEALTHY";
    case Health::kUnknown: break;
  }
  return "UNKNOWN";
}

bool HealthTracker::record(bool ok, const std::string& why, int64_t since_running_ns) {
  ++checks_;
  Health before = health_;
  if (ok) {
    failures_ = 0;
    last_error_.clear();
    health_ = Health::kHealthy;
  } else {
    last_error_ = why;
    if (since_running_ns >= seconds_to_ns(check_.start_period_secs)) ++failures_;
    if (failures_ >= check_.retries) health_ = Health::kUnhealthy;
  }
  return health_ != before;
}

}  // namespace sn
