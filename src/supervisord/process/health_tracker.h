// A program's health from its check results, as Docker counts them:
// healthy after a check succeeds, unhealthy after `retries` failures in a
// row; failures within start_period of RUNNING are not counted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/config/check_spec.h"

namespace sn {

enum class Health { kUnknown, kHealthy, kUnhealthy };
// "UNKNOWN", "HEALTHY", "UNHEALTHY".
std::string_view health_name(Health health);

class HealthTracker {
 public:
  explicit HealthTracker(const HealthCheck& check) : check_(check) {}

  // One check's result, `since_running_ns` after the process became
  // RUNNING. True when the health changed.
  bool record(bool ok, const std::string& why, int64_t since_running_ns);

  Health health() const { return health_; }
  int failures() const { return failures_; }  // in a row, counted
  const std::string& last_error() const { return last_error_; }
  int64_t checks() const { return checks_; }

 private:
  const HealthCheck& check_;
  Health health_ = Health::kUnknown;
  int failures_ = 0;
  std::string last_error_;
  int64_t checks_ = 0;
};

}  // namespace sn
