#include "lib/events/event_type.h"

#include <array>

namespace sn {
namespace {

struct TypeInfo {
  EventType type;
  std::string_view name;
  EventType parent;
};

constexpr std::array<TypeInfo, 30> kTypes{{
    {EventType::kEvent, "EVENT", EventType::kEvent},
    {EventType::kProcessState, "PROCESS_STATE", EventType::kEvent},
    {EventType::kProcessStateStopped, "PROCESS_STATE_STOPPED", EventType::kProcessState},
    {EventType::kProcessStateExited, "PROCESS_STATE_EXITED", EventType::kProcessState},
    {EventType::kProcessStateStarting, "PROCESS_STATE_STARTING", EventType::kProcessState},
    {EventType::kProcessStateStopping, "PROCESS_STATE_STOPPING", EventType::kProcessState},
    {EventType::kProcessStateBackoff, "PROCESS_STATE_BACKOFF", EventType::kProcessState},
    {EventType::kProcessStateFatal, "PROCESS_STATE_FATAL", EventType::kProcessState},
    {EventType::kProcessStateRunning, "PROCESS_STATE_RUNNING", EventType::kProcessState},
    {EventType::kProcessStateUnknown, "PROCESS_STATE_UNKNOWN", EventType::kProcessState},
    {EventType::kProcessCommunication, "PROCESS_COMMUNICATION", EventType::kEvent},
    {EventType::kProcessCommunicationStdout, "PROCESS_COMMUNICATION_STDOUT", EventType::kProcessCommunication},
    {EventType::kProcessCommunicationStderr, "PROCESS_COMMUNICATION_STDERR", EventType::kProcessCommunication},
    {EventType::kProcessLog, "PROCESS_LOG", EventType::kEvent},
    {EventType::kProcessLogStdout, "PROCESS_LOG_STDOUT", EventType::kProcessLog},
    {EventType::kProcessLogStderr, "PROCESS_LOG_STDERR", EventType::kProcessLog},
    {EventType::kRemoteCommunication, "REMOTE_COMMUNICATION", EventType::kEvent},
    {EventType::kSupervisorStateChange, "SUPERVISOR_STATE_CHANGE", EventType::kEvent},
    {EventType::kSupervisorStateChangeRunning, "SUPERVISOR_STATE_CHANGE_RUNNING", EventType::kSupervisorStateChange},
    {EventType::kSupervisorStateChangeStopping, "SUPERVISOR_STATE_CHANGE_STOPPING", EventType::kSupervisorStateChange},
    {EventType::kTick, "TICK", EventType::kEvent},
    {EventType::kTick5, "TICK_5", EventType::kTick},
    {EventType::kTick60, "TICK_60", EventType::kTick},
    {EventType::kTick3600, "TICK_3600", EventType::kTick},
    {EventType::kProcessGroup, "PROCESS_GROUP", EventType::kEvent},
    {EventType::kProcessGroupAdded, "PROCESS_GROUP_ADDED", EventType::kProcessGroup},
    {EventType::kProcessGroupRemoved, "PROCESS_GROUP_REMOVED", EventType::kProcessGroup},
    {EventType::kProcessHealth, "PROCESS_HEALTH", EventType::kProcessHealth},
    {EventType::kProcessHealthHealthy, "PROCESS_HEALTH_HEALTHY", EventType::kProcessHealth},
    {EventType::kProcessHealthUnhealthy, "PROCESS_HEALTH_UNHEALTHY", EventType::kProcessHealth},
}};

const TypeInfo& info(EventType type) { return kTypes[static_cast<size_t>(type)]; }

}  // namespace

std::string_view event_type_name(EventType type) { return info(type).name; }

std::optional<EventType> parse_event_type(std::string_view name) {
  for (const auto& t : kTypes)
    if (t.name == name) return t.type;
  return std::nullopt;
}

bool event_type_is_a(EventType type, EventType ancestor) {
  for (;;) {
    if (type == ancestor) return true;
    if (info(type).parent == type) return false;  // a root: EVENT, PROCESS_HEALTH
    type = info(type).parent;
  }
}

}  // namespace sn
