#include "supervisord/process/process_state.h"

namespace sn {
namespace {

using S = ProcessState;

struct Transition {
  S from;
  S to;
};

constexpr Transition kTransitions[] = {
    {S::kStopped, S::kStarting}, {S::kStarting, S::kRunning}, {S::kStarting, S::kBackoff}, {S::kStarting, S::kStopping},
    {S::kRunning, S::kStopping}, {S::kRunning, S::kExited},   {S::kRunning, S::kBackoff},  {S::kBackoff, S::kStarting},
    {S::kBackoff, S::kFatal},    {S::kBackoff, S::kStopped},  {S::kStopping, S::kStopped}, {S::kExited, S::kStarting},
    {S::kFatal, S::kStarting},
};

}  // namespace

bool is_allowed_transition(ProcessState from, ProcessState to) {
  if (to == S::kUnknown) return true;
  if (from == S::kUnknown) return to != S::kFatal;
  for (const Transition& t : kTransitions)
    if (t.from == from && t.to == to) return true;
  return false;
}

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
