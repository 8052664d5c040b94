// depends_on= between processes: what a name in it stands for, and the
// load-time checks (every name known, no cycle).
#pragma once

#include <string_view>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/config/ini_document.h"

namespace sn {

// "name": every process of [program:name] (or [eventlistener:name]);
// "group:*": every process of the group; "group:name": that process.
bool dependency_matches(std::string_view token, std::string_view group, const ProcessConfig& process);

// Throws ConfigError, naming the file and line of the depends_on at fault,
// for a name that matches no process and for a cycle (with its path).
void check_start_dependencies(const IniDocument& doc, const std::vector<GroupConfig>& groups);

}  // namespace sn
