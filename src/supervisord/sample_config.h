// The commented sample configuration `supervisord --sample-config` prints,
// as supervisor's echo_supervisord_conf does: every option with its default,
// and enough set (socket, log, pid file, supervisorctl URL) to run as is.
#pragma once

#include <string>

namespace sn {

std::string sample_config_text();

// True when argv[0] names the echo_supervisord_conf link (under any
// installed prefix or suffix).
bool called_as_echo_supervisord_conf(const std::string& argv0);

}  // namespace sn
