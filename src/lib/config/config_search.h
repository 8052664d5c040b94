// Where supervisord and supervisorctl look for supervisord.conf without -c.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sn {

// supervisor's order: <D>/etc/supervisord.conf, <D>/supervisord.conf (D is
// the parent of the directory holding the program), ./supervisord.conf,
// ./etc/supervisord.conf, /etc/supervisord.conf, /etc/supervisor/supervisord.conf.
std::vector<std::string> config_search_paths(const std::string& program_path);
std::optional<std::string> find_config_file(const std::string& program_path);
// The program's path as supervisor sees it: argv0, or found on $PATH.
std::string program_path_from_argv0(const std::string& argv0);

}  // namespace sn
