// What a program's process gets set before exec, beyond supervisor: resource
// limits (rlimit_nofile, rlimit_core, rlimit_nproc, rlimit_as,
// rlimit_memlock), nice, oom_score_adj and cpu_affinity. Unset keys leave
// the child with what supervisord has, as supervisor does.
#pragma once

#include <sys/resource.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

struct ResourceLimitSetting {
  int resource = 0;           // RLIMIT_*
  std::string key;            // "rlimit_nofile", for messages
  rlim_t soft = 0, hard = 0;  // RLIM_INFINITY for infinity

  bool operator==(const ResourceLimitSetting&) const = default;
};

struct ChildLimits {
  std::vector<ResourceLimitSetting> rlimits;
  std::optional<int> nice;
  std::optional<int> oom_score_adj;
  std::vector<int> cpu_affinity;  // CPU numbers; empty: unchanged

  bool empty() const { return rlimits.empty() && !nice && !oom_score_adj && cpu_affinity.empty(); }
  bool operator==(const ChildLimits&) const = default;
};

// The rlimit_* keys and the resource each sets.
struct ResourceLimitKey {
  std::string_view key;
  int resource;
};
const std::vector<ResourceLimitKey>& resource_limit_keys();

// Throw ValueError saying what was expected.
// "SOFT[:HARD]", each a number (KB, MB, GB: 1024-based) or
// infinity; one value sets both, as systemd's Limit*= does.
void parse_resource_limit(std::string_view v, rlim_t* soft, rlim_t* hard);
// "0 2-3,6": CPU numbers and ranges, separated by spaces or commas.
std::vector<int> parse_cpu_list(std::string_view v);
// "rlim" as a user would write it: a number or infinity.
std::string limit_text(rlim_t value);

}  // namespace sn
