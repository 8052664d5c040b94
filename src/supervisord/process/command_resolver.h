// Turns a program's command= into the file to execute and its argv, the way
// supervisor's get_execv_args() does: shell-like splitting, $PATH search
// (the program's environment= PATH first), and the checks that make
// startProcess answer NO_FILE or NOT_EXECUTABLE before anything is forked.
#pragma once

#include <string>
#include <vector>

#include "lib/config/config_model.h"

namespace sn {

struct ResolvedCommand {
  enum class Problem { kNone, kNotFound, kNotExecutable };
  Problem problem = Problem::kNone;
  std::string error;  // supervisor's text, e.g. "can't find command 'foo'"
  std::string filename;
  std::vector<std::string> argv;

  bool ok() const { return problem == Problem::kNone; }
};

// `inherited_path` is supervisord's own $PATH ("" if unset).
ResolvedCommand resolve_command(const ProcessConfig& config, const std::string& inherited_path);

}  // namespace sn
