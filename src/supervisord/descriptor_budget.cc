// Tested by t/unit/descriptor_budget_test.cc and t/integration/test_spawn.py
// (thousands of programs under a low limit: raised, or told how many fit).
#include "supervisord/descriptor_budget.h"

#include <algorithm>

namespace sn {

size_t descriptors_of(const ProcessConfig& p) {
  size_t n = 3;  // pidfd, stdin pipe, stdout pipe
  if (p.stdout_channel.logfile.kind != LogTarget::Kind::kNone) ++n;
  if (!p.redirect_stderr) {
    ++n;  // stderr pipe
    if (p.stderr_channel.logfile.kind != LogTarget::Kind::kNone) ++n;
  }
  // ready=: a notify socket or a pipe, or a probe's socket or task (pidfd
  // and output pipe); healthcheck=: a probe's.
  if (p.ready.kind != ReadyCheck::Kind::kStartsecs) n += 2;
  if (p.health.enabled()) n += 2;
  return n;
}

DescriptorNeeds descriptors_needed(const std::vector<GroupConfig>& groups, size_t listeners) {
  DescriptorNeeds needs;
  for (const GroupConfig& g : groups) {
    for (const ProcessConfig& p : g.processes) {
      ++needs.processes;
      needs.for_processes += descriptors_of(p);
    }
    if (g.fcgi_socket)
      needs.for_processes += 1;  // the group's socket (its processes have no stdin pipe: an upper bound)
  }
  needs.for_daemon = kDaemonDescriptors + listeners * kDescriptorsPerListener;
  return needs;
}

DescriptorFit plan_descriptor_limit(const DescriptorNeeds& needs, rlim_t soft, rlim_t hard, rlim_t* new_soft) {
  DescriptorFit fit;
  *new_soft = soft;
  rlim_t want = needs.total();
  if (soft == RLIM_INFINITY || soft >= want) return fit;
  *new_soft = hard == RLIM_INFINITY ? want : std::min(want, hard);
  if (*new_soft > soft)
    fit.infos.push_back("Increased RLIMIT_NOFILE limit to " + std::to_string(*new_soft) + " for " +
                        std::to_string(needs.processes) + " processes");
  if (*new_soft >= want) return fit;
  size_t room = *new_soft > needs.for_daemon ? *new_soft - needs.for_daemon : 0;
  size_t each = needs.processes ? (needs.for_processes + needs.processes - 1) / needs.processes : 1;
  size_t fit_count = std::min(needs.processes, room / each);
  fit.warnings.push_back(
      "The configuration's " + std::to_string(needs.processes) + " processes need about " + std::to_string(want) +
      " file descriptors (" + std::to_string(each) + " each while running, " + std::to_string(needs.for_daemon) +
      " for supervisord and its clients), but RLIMIT_NOFILE allows " + std::to_string(*new_soft) +
      (*new_soft == hard ? " (its hard limit)" : "") + ": only about " + std::to_string(fit_count) +
      " of them can run at once; the others will fail to start with \"too many open files\". Raise the limit "
      "(ulimit -n, or LimitNOFILE= in the systemd unit) to " +
      std::to_string(want) + " or more.");
  return fit;
}

DescriptorFit fit_descriptor_limit(const DescriptorNeeds& needs) {
  rlimit lim;
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return {};
  rlim_t soft = lim.rlim_cur;
  DescriptorFit fit = plan_descriptor_limit(needs, lim.rlim_cur, lim.rlim_max, &soft);
  if (soft != lim.rlim_cur) {
    rlimit raised{soft, lim.rlim_max};
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) fit.infos.clear();
  }
  return fit;
}

}  // namespace sn
