// [program:x], [group:x] and [eventlistener:x] sections -> process groups,
// following supervisor's processes_from_section().
#pragma once

#include <string>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/config/ini_document.h"
#include "lib/config/py_format.h"

namespace sn {

struct ProgramSectionContext {
  const IniDocument& doc;
  Expansions environ;  // ENV_* names, [supervisord] environment= included
  std::string host_node_name;
  std::vector<std::string>* warnings;  // parse warnings for the main log
};

// Every process group the document defines, sorted by (priority, name).
std::vector<GroupConfig> read_process_groups(const ProgramSectionContext& ctx);

}  // namespace sn
