// The daemon's own privileges and limits at start: [supervisord] user=,
// minfds and minprocs.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sn {

// Becomes `user` (name or uid): supplementary groups, gid, uid. Returns ""
// or supervisor's error text. A no-op when already that user.
std::string drop_privileges(const std::string& user);

// Raises RLIMIT_NOFILE and RLIMIT_NPROC to at least the minimums. Returns
// "" or the message supervisord exits with; successes go to `infos`.
std::string raise_limits(int64_t minfds, int64_t minprocs, std::vector<std::string>* infos);

}  // namespace sn
