// supervisor's event types and their hierarchy: subscribing to a type
// (PROCESS_STATE, EVENT) receives every type below it. PROCESS_HEALTH and
// its two types are ours and a root of their own, outside EVENT: only a
// pool that names them receives them, so existing listeners see the same
// stream as under supervisor.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sn {

enum class EventType : uint8_t {
  kEvent,
  kProcessState,
  kProcessStateStopped,
  kProcessStateExited,
  kProcessStateStarting,
  kProcessStateStopping,
  kProcessStateBackoff,
  kProcessStateFatal,
  kProcessStateRunning,
  kProcessStateUnknown,
  kProcessCommunication,
  kProcessCommunicationStdout,
  kProcessCommunicationStderr,
  kProcessLog,
  kProcessLogStdout,
  kProcessLogStderr,
  kRemoteCommunication,
  kSupervisorStateChange,
  kSupervisorStateChangeRunning,
  kSupervisorStateChangeStopping,
  kTick,
  kTick5,
  kTick60,
  kTick3600,
  kProcessGroup,
  kProcessGroupAdded,
  kProcessGroupRemoved,
  kProcessHealth,
  kProcessHealthHealthy,
  kProcessHealthUnhealthy,
};

// "PROCESS_STATE_EXITED".
std::string_view event_type_name(EventType type);
// From an upper-case name; nullopt for unknown names.
std::optional<EventType> parse_event_type(std::string_view name);
// True when `type` is `ancestor` or below it.
bool event_type_is_a(EventType type, EventType ancestor);

}  // namespace sn
