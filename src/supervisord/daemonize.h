// Detaching from the terminal the way supervisord does: fork (the parent
// exits 0), chdir to `directory` if given, stdin/stdout/stderr to
// /dev/null, a new session, and the configured umask.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace sn {

// Returns in the child only. `chdir_error` is set when chdir failed (the
// caller logs it; supervisor carries on).
void daemonize(const std::optional<std::string>& directory, mode_t umask, std::string* chdir_error);

// Makes sure descriptors 0, 1 and 2 are open (on /dev/null if they were
// closed), so pipes and files never land on them.
void ensure_standard_fds();

}  // namespace sn
