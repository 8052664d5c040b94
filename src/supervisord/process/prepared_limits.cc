// Tested by t/unit/prepared_limits_test.cc and t/integration/test_containment.py.
#include "supervisord/process/prepared_limits.h"

#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

namespace sn {
namespace {

constexpr size_t kBitsPerWord = 8 * sizeof(unsigned long);

long read_number(const char* path, long fallback) {
  std::ifstream in(path);
  long value = fallback;
  if (!(in >> value)) return fallback;
  return value;
}

std::string cpu_list_text(const std::vector<int>& cpus) {
  std::string out;
  for (size_t i = 0; i < cpus.size();) {
    size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(cpus[i]) + (j > i ? "-" + std::to_string(cpus[j]) : "");
    i = j + 1;
  }
  return out;
}

std::string check_rlimit(const ResourceLimitSetting& want, const DaemonLimits& daemon) {
  if (want.resource == RLIMIT_NOFILE && want.hard != RLIM_INFINITY && want.hard > static_cast<rlim_t>(daemon.nr_open))
    return want.key + ": the hard limit " + limit_text(want.hard) + " is above the kernel's fs.nr_open (" +
           std::to_string(daemon.nr_open) + ")";
  if (want.resource == RLIMIT_NOFILE && want.hard == RLIM_INFINITY)
    return want.key + ": infinity is refused by the kernel; the most is fs.nr_open (" + std::to_string(daemon.nr_open) +
           ")";
  if (daemon.privileged) return "";
  for (const auto& [resource, have] : daemon.rlimits) {
    if (resource != want.resource || want.hard <= have.rlim_max) continue;
    return want.key + ": the hard limit " + limit_text(want.hard) + " is above supervisord's " +
           limit_text(have.rlim_max) + ", which only root may raise";
  }
  return "";
}

}  // namespace

DaemonLimits DaemonLimits::current() {
  DaemonLimits d;
  d.privileged = ::geteuid() == 0;
  for (const ResourceLimitKey& k : resource_limit_keys()) {
    rlimit r{};
    if (::getrlimit(k.resource, &r) == 0) d.rlimits.emplace_back(k.resource, r);
  }
  d.nr_open = read_number("/proc/sys/fs/nr_open", d.nr_open);
  errno = 0;
  int nice = ::getpriority(PRIO_PROCESS, 0);
  if (errno == 0) d.nice = nice;
  d.oom_score_adj = static_cast<int>(read_number("/proc/self/oom_score_adj", 0));
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set)) d.cpus.push_back(c);
  }
  return d;
}

std::string prepare_limits(const ChildLimits& limits, const DaemonLimits& daemon, PreparedLimits* out) {
  *out = PreparedLimits{};
  for (const ResourceLimitSetting& l : limits.rlimits) {
    if (std::string problem = check_rlimit(l, daemon); !problem.empty()) return problem;
    out->rlimits.emplace_back(l.resource, rlimit{l.soft, l.hard});
    out->keys.push_back(l.key);
  }
  if (limits.nice) {
    if (!daemon.privileged && *limits.nice < daemon.nice)
      return "nice: " + std::to_string(*limits.nice) + " is below supervisord's " + std::to_string(daemon.nice) +
             ", which only root may go under";
    out->set_nice = true;
    out->nice = *limits.nice;
  }
  if (limits.oom_score_adj) {
    if (!daemon.privileged && *limits.oom_score_adj < daemon.oom_score_adj)
      return "oom_score_adj: " + std::to_string(*limits.oom_score_adj) + " is below supervisord's " +
             std::to_string(daemon.oom_score_adj) + ", which only root may go under";
    out->oom_score_adj = std::to_string(*limits.oom_score_adj) + "\n";
  }
  if (!limits.cpu_affinity.empty()) {
    for (int cpu : limits.cpu_affinity) {
      bool allowed = false;
      for (int c : daemon.cpus) allowed = allowed || c == cpu;
      if (!allowed)
        return "cpu_affinity: CPU " + std::to_string(cpu) + " is not one supervisord may run on (" +
               cpu_list_text(daemon.cpus) + ")";
    }
    out->cpu_mask.assign(static_cast<size_t>(limits.cpu_affinity.back()) / kBitsPerWord + 1, 0);
    for (int cpu : limits.cpu_affinity)
      out->cpu_mask[static_cast<size_t>(cpu) / kBitsPerWord] |= 1UL << (static_cast<size_t>(cpu) % kBitsPerWord);
  }
  return "";
}

}  // namespace sn
