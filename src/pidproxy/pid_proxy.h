// pidproxy: runs a command that daemonizes itself (mysqld_safe, a Java
// wrapper) and passes the signals supervisord sends it on to the pid its
// pidfile names, as supervisor's pidproxy does: TERM, HUP, INT, USR1, USR2
// and QUIT are passed on, and after TERM, INT or QUIT pidproxy exits.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

struct PidProxyArgs {
  std::string pidfile;
  std::string command;  // absolute: supervisor's pidproxy does not search PATH
  std::vector<std::string> argv;
};

// nullopt when there are fewer than a pidfile and a command.
std::optional<PidProxyArgs> parse_pid_proxy_args(const std::vector<std::string>& args, const std::string& cwd);

// The pid a pidfile's text names: digits, with blanks around them.
std::optional<pid_t> parse_pid_text(std::string_view text);

// What --help and a wrong command line print (on stdout, as supervisor's).
std::string pid_proxy_usage(const std::string& program);

// Runs the proxy; returns the exit status.
int run_pid_proxy(const PidProxyArgs& args);

}  // namespace sn
