// The PROCESS_STATE_* event for a process's state change, with the extras
// supervisor adds per state (tries, pid, expected).
#pragma once

#include "supervisord/events/event_bus.h"
#include "supervisord/process/process.h"

namespace sn {

Event process_state_event(const Process& process, ProcessState from, bool expected);

}  // namespace sn
