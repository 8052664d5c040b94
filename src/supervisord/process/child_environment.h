// The environment a child starts with: supervisord's own, then
// SUPERVISOR_ENABLED, SUPERVISOR_SERVER_URL, SUPERVISOR_PROCESS_NAME,
// SUPERVISOR_GROUP_NAME, then what its environment_file= files hold, then
// the program's environment= (which may override any of them).
#pragma once

#include <string>
#include <vector>

#include "lib/config/config_model.h"

namespace sn {

// "KEY=value" strings, ready for execve.
std::vector<std::string> build_child_environment(const EnvironmentList& inherited, const ProcessConfig& config,
                                                 const std::string& group_name, const std::string& default_server_url,
                                                 const EnvironmentList& from_files = {});

}  // namespace sn
