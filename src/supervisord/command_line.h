// supervisord's command line: the same flags as supervisor 4.2's, each
// overriding the matching [supervisord] option.
#pragma once

#include <optional>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/usage_error.h"

namespace sn {

struct CommandLine {
  enum class Action { kRun, kHelp, kVersion, kSampleConfig, kCheckConfig };
  Action action = Action::kRun;
  std::string program;  // argv[0]
  std::optional<std::string> configuration;
  bool nodaemon = false;
  bool silent = false;
  bool nocleanup = false;
  bool strip_ansi = false;
  std::optional<std::string> user, umask, directory, logfile, logfile_maxbytes, logfile_backups, loglevel, pidfile,
      identifier, childlogdir, minfds, minprocs, profile_options, subprocpidfile;
};

// Throws UsageError for unknown options, missing values and positional arguments.
CommandLine parse_command_line(int argc, char** argv);

// Applies the options given on the command line over the file's values,
// validating each like its config option. Throws UsageError.
void apply_command_line(const CommandLine& cl, SupervisordConfig* config);

// The configuration file: -c's, or the first of supervisor's search paths
// that exists (warning on stderr when root searches). Throws UsageError.
std::string config_file_for(const CommandLine& cl);

// The text -h prints.
std::string usage_text(const std::string& program);

}  // namespace sn
