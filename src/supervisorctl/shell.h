// supervisorctl's interactive shell: runs "status", then reads commands at
// the "<prompt>> " prompt until quit, exit or end of input. On a terminal
// it edits lines with libedit (history, Tab completion, -r history file in
// GNU readline's plain format); otherwise it prints the prompt and reads
// lines, as Python's cmd module does.
#pragma once

#include "supervisorctl/controller.h"

namespace sn {

void run_shell(Controller& ctl);

}  // namespace sn
