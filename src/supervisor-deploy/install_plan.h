// What supervisor-deploy puts on a host: the programs, found in a build
// tree or an install prefix (--from), and a supervisord.conf rendered from
// the template for that host. The install id (a hash of all of it) tells
// whether a host already runs exactly this install.
#pragma once

#include <string>
#include <vector>

#include "supervisor-deploy/deploy_config.h"

namespace sn {

struct LocalProgram {
  std::string name;     // its name on the host: "supervisord"
  std::string path;     // where it is here
  std::string content;  // the file
};

// supervisord, supervisorctl and crashmail under `from`: a build tree
// (src/<name>/<name>) or an install prefix (bin/<installed_prefix><name>,
// as --program-prefix renamed them). On the host they keep their own
// names. Throws std::runtime_error naming what is missing.
std::vector<LocalProgram> find_programs(const std::string& from, const std::string& installed_prefix = "");

// The template with every @NAME@ replaced for this host. Throws
// std::runtime_error for an unknown @NAME@.
std::string render_supervisord_conf(const std::string& template_text, const DeployGroup& group, const DeployHost& host);

// The [eventlistener:crashmail] section for the group ("" without crashmail_to).
std::string crashmail_section(const DeployGroup& group);

// A short hex digest of everything installed.
std::string install_id(const std::vector<LocalProgram>& programs, const std::string& conf);

// A word quoted for the remote shell.
std::string shell_quote(const std::string& word);

}  // namespace sn
