// How many file descriptors a configuration needs, against RLIMIT_NOFILE.
// Each process holds about six while it runs (a pidfd, its stdin, stdout
// and stderr pipes, its two log files); thousands of programs outgrow the
// usual limit, and without this check the ones started last would fail
// with "too many open files" after a silent load. At start and at every
// reload the daemon raises its own soft limit to what it needs (up to the
// hard limit), and says plainly how many processes fit when even that is
// too little. Its programs keep the soft limit minfds gives, as under
// Python supervisord: a program that select()s is not handed descriptors
// above 1024 because the daemon needed many.
#pragma once

#include <sys/resource.h>

#include <cstddef>
#include <string>
#include <vector>

#include "lib/config/config_model.h"

namespace sn {

// What the daemon holds besides its processes: its own files and sockets,
// the descriptors a spawn takes for a moment, and room for HTTP clients.
inline constexpr size_t kDaemonDescriptors = 64;
inline constexpr size_t kDescriptorsPerListener = 64;

struct DescriptorNeeds {
  size_t processes = 0;
  size_t for_processes = 0;  // all of them running
  size_t for_daemon = 0;
  size_t total() const { return for_processes + for_daemon; }
};

// The descriptors one running process of `p` holds.
size_t descriptors_of(const ProcessConfig& p);
DescriptorNeeds descriptors_needed(const std::vector<GroupConfig>& groups, size_t listeners);

struct DescriptorFit {
  std::vector<std::string> infos;     // "Increased RLIMIT_NOFILE limit to N ..."
  std::vector<std::string> warnings;  // how many processes fit, when not all do
};
// Raises the soft RLIMIT_NOFILE towards `needs` (never above the hard
// limit, never down) and says what came of it.
DescriptorFit fit_descriptor_limit(const DescriptorNeeds& needs);
// The same decision for given limits, changing nothing: the new soft limit
// (or the old one) and the messages.
DescriptorFit plan_descriptor_limit(const DescriptorNeeds& needs, rlim_t soft, rlim_t hard, rlim_t* new_soft);

}  // namespace sn
