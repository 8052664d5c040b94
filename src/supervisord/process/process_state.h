// supervisor's process and daemon states, with their codes and names.
#pragma once

#include <string_view>

namespace sn {

enum class ProcessState : int {
  kStopped = 0,
  kStarting = 10,
  kRunning = 20,
  kBackoff = 30,
  kStopping = 40,
  kExited = 100,
  kFatal = 200,
  kUnknown = 1000,
};

std::string_view process_state_name(ProcessState state);

// supervisor's state machine, as one table (process_state.cc): the
// changes a process may make. Any state may become UNKNOWN (a signal that
// could not be sent); UNKNOWN may become anything a child's end or a new
// start leads to.
//
//   STOPPED  -> STARTING                       start
//   STARTING -> RUNNING                        up for startsecs
//   STARTING -> BACKOFF                        spawn error, or ended too quickly
//   STARTING -> STOPPING, RUNNING -> STOPPING  stop
//   RUNNING  -> EXITED                         ended on its own
//   RUNNING  -> BACKOFF                        an adopted child (subprocpidfile,
//                                              RUNNING at once) ended within
//                                              startsecs of its start
//   BACKOFF  -> STARTING                       retry after the backoff delay
//   BACKOFF  -> FATAL                          startretries used up
//   BACKOFF  -> STOPPED                        stop while waiting to retry
//   STOPPING -> STOPPED                        ended after the stop signal
//   EXITED   -> STARTING, FATAL -> STARTING    autorestart, start
bool is_allowed_transition(ProcessState from, ProcessState to);

// STOPPED, EXITED, FATAL, UNKNOWN.
bool is_stopped_state(ProcessState state);
// STARTING, RUNNING, BACKOFF.
bool is_running_state(ProcessState state);
// STARTING, RUNNING, STOPPING: states in which a signal can be sent.
bool is_signallable_state(ProcessState state);

// The daemon's mood (getState).
enum class SupervisorState : int {
  kFatal = 2,
  kRunning = 1,
  kRestarting = 0,
  kShutdown = -1,
};

std::string_view supervisor_state_name(SupervisorState state);

}  // namespace sn
