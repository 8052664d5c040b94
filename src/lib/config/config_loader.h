// Loads supervisord.conf (and the files its [include] names) into the typed
// model, validating every option. Errors are ConfigError naming the file,
// line, section and option; nothing is started on an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/config/ini_document.h"
#include "lib/config/py_format.h"

namespace sn {

// What loading takes from the running process; tests supply their own.
struct LoaderEnvironment {
  EnvironmentList environ;  // becomes the ENV_<NAME> expansions
  std::string host_node_name;
  std::string cwd;     // relative logfile/pidfile/childlogdir resolve against it
  std::string tmpdir;  // childlogdir default

  static LoaderEnvironment current();
};

SupervisordConfig load_supervisord_config(const std::string& path,
                                          const LoaderEnvironment& env = LoaderEnvironment::current());

// A load that goes as far as it can: the warnings met, and the first
// error (which ends the reading) or the configuration.
struct ConfigCheck {
  std::vector<std::string> warnings;
  std::string error;
  std::optional<SupervisordConfig> config;
};
ConfigCheck check_supervisord_config(const std::string& path,
                                     const LoaderEnvironment& env = LoaderEnvironment::current());

// The [supervisorctl] section of an already-read document (used by
// supervisorctl, and checked by supervisord). Throws ConfigError.
CtlConfig read_ctl_section(const IniDocument& doc, const LoaderEnvironment& env, const std::string& here);

// True for the rpcinterface factories this build provides.
bool is_known_rpc_factory(const std::string& factory);
// supervisor's own namespace (as opposed to the Minos deployment one).
bool is_main_rpc_factory(const std::string& factory);

Expansions environ_expansions(const EnvironmentList& environ);

}  // namespace sn
