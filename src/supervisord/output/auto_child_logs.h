// stdout_logfile=AUTO / stderr_logfile=AUTO: files created in childlogdir as
// "<process>-<channel>---<identifier>-XXXXXX.log" when a group is created,
// and removed at startup unless nocleanup is set.
#pragma once

#include <string>

#include "lib/util/logger.h"
#include "lib/util/unique_fd.h"

namespace sn {

struct AutoChildLog {
  std::string path;  // "" on failure
  UniqueFd fd;       // open for appending: the first spawn writes through it
};

// Creates the file (mode 0600); `error` is set on failure.
AutoChildLog create_auto_child_log(const std::string& childlogdir, const std::string& process_name,
                                   const std::string& channel, const std::string& identifier, std::string* error);

// True for names supervisor's cleanup removes:
// .+?---<identifier>-\S+\.log\.{0,1}\d{0,4} matched at the start of the name.
bool is_auto_child_log_name(const std::string& filename, const std::string& identifier);

// Deletes every AUTO log of `identifier` in `childlogdir`.
void clear_auto_child_logs(const std::string& childlogdir, const std::string& identifier, Logger& logger);

}  // namespace sn
