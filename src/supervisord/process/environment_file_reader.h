// Reads a program's environment_file= list at a spawn: the variables of
// every file in order (a later file wins), bad lines reported in the main
// log, a required file that cannot be read a spawn error naming it.
#pragma once

#include <string>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/util/logger.h"

namespace sn {

// "" with *out filled, or the spawn error.
std::string read_environment_files(const std::vector<EnvironmentFileRef>& files, const std::string& program,
                                   Logger& logger, EnvironmentList* out);

}  // namespace sn
