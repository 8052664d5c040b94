// supervisorctl's options: the command line (-c -s -u -p -i -r -h) over the
// [supervisorctl] section of the configuration file (found by the same
// search as supervisord's), over the defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/config/config_loader.h"
#include "lib/rpc/rpc_client.h"
#include "lib/rpc/server_url.h"
#include "lib/util/usage_error.h"

namespace sn {

struct ClientOptions {
  ServerUrl server;
  Credentials credentials;
  std::string prompt = "supervisor";
  std::optional<std::string> history_file;
  bool interactive = false;                // the shell runs (no command given), or -i
  bool help = false;                       // -h
  std::vector<std::string> command;        // the action and its arguments
  std::optional<std::string> config_file;  // the file read, if any
  // May a 401 be answered by asking for a username and password? (main
  // allows it in the shell and when standard input is a terminal.)
  bool may_prompt_for_credentials = false;
};

// Throws UsageError (bad flags, a -c file that is missing, a file without
// [supervisorctl], a bad URL) and ConfigError (a bad value in the file).
// `program_path` is where the config search starts (see config_search.h).
ClientOptions parse_client_options(int argc, char** argv, const std::string& program_path,
                                   const LoaderEnvironment& env = LoaderEnvironment::current());

// The text -h prints.
std::string client_usage_text(const std::string& program);

}  // namespace sn
