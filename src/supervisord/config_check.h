// supervisord --check-config: the whole configuration read as a start would
// read it, every warning and the error printed, nothing started and no
// running daemon touched (no pidfile, no socket).
#pragma once

#include "supervisord/command_line.h"

namespace sn {

// 0: fine, 1: warnings, 2: an error. Prints to stdout.
int check_config(const CommandLine& cl);

}  // namespace sn
