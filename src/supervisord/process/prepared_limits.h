// A program's limits (rlimit_*, nice, oom_score_adj, cpu_affinity) checked
// against what supervisord may grant and laid out for the child, which sets
// them before exec without allocating. What cannot be granted is a spawn
// error saying why, instead of a child that dies on its first system call.
#pragma once

#include <sys/resource.h>

#include <string>
#include <utility>
#include <vector>

#include "lib/config/child_limits.h"

namespace sn {

struct PreparedLimits {
  std::vector<std::pair<int, rlimit>> rlimits;  // resource, value
  std::vector<std::string> keys;                // rlimit_nofile ..., for the child's message
  bool set_nice = false;
  int nice = 0;
  std::string oom_score_adj;            // the text to write, "" for none
  std::vector<unsigned long> cpu_mask;  // sched_setaffinity's mask, empty for none

  bool empty() const { return rlimits.empty() && !set_nice && oom_score_adj.empty() && cpu_mask.empty(); }
};

// What supervisord itself has: the ceiling for what it may give.
struct DaemonLimits {
  bool privileged = false;                      // root: may raise hard limits, lower nice and oom_score_adj
  std::vector<std::pair<int, rlimit>> rlimits;  // its own, per resource
  long nr_open = 1024 * 1024;                   // fs.nr_open: no RLIMIT_NOFILE above it, even for root
  int nice = 0;
  int oom_score_adj = 0;
  std::vector<int> cpus;  // the CPUs it may run on
  static DaemonLimits current();
};

// "" and *out filled, or why `limits` cannot be given.
std::string prepare_limits(const ChildLimits& limits, const DaemonLimits& daemon, PreparedLimits* out);

}  // namespace sn
