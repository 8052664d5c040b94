#include "supervisord/process/process_state.h"

namespace sn {

std::string_view process_state_name(ProcessState state) {
  switch (state) {
    case ProcessState::kStopped: return "STOPPED";
    case ProcessState::kStarting: return "STARTING";
    case ProcessState::kRunning: return "RUNNING";
    case ProcessState::kBackoff: return "BACKOFF";
    case ProcessState::kStopping: return "STOPPING";
    case ProcessState::kExited: return "EXITED";
    case ProcessState::kFatal: return "FATAL";
    case ProcessState::kUnknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

bool is_stopped_state(ProcessState s) {
  return s == ProcessState::kStopped || s == ProcessState::kExited || s == ProcessState::kFatal ||
         s == ProcessState::kUnknown;
}

bool is_running_state(ProcessState s) {
  return s == ProcessState::kStarting || s == ProcessState::kRunning || s == ProcessState::kBackoff;
}

bool is_signallable_state(ProcessState s) {
  return s == ProcessState::kStarting || s == ProcessState::kRunning || s == ProcessState::kStopping;
}

std::string_view supervisor_state_name(SupervisorState state) {
  switch (state) {
    case SupervisorState::kFatal: return "FATAL";
    case SupervisorState::kRunning: return "RUNNING";
    case SupervisorState::kRestarting: return "RESTARTING";
    case SupervisorState::kShutdown: return "SHUTDOWN";
  }
  return "UNKNOWN";
}

}  // namespace sn
