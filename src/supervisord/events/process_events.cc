// Tested by t/unit/process_events_test.cc.
#include "supervisord/events/process_events.h"

#include "lib/events/event_payload.h"

namespace sn {

Event process_state_event(const Process& p, ProcessState from, bool expected) {
  using Extras = std::vector<std::pair<std::string, std::string>>;
  Extras extras;
  EventType type = EventType::kProcessStateUnknown;
  std::string pid = std::to_string(p.pid());
  switch (p.state()) {
    case ProcessState::kStarting:
      type = EventType::kProcessStateStarting;
      extras = {{"tries", std::to_string(p.backoff_count())}};
      break;
    case ProcessState::kBackoff:
      type = EventType::kProcessStateBackoff;
      extras = {{"tries", std::to_string(p.backoff_count())}};
      break;
    case ProcessState::kRunning:
      type = EventType::kProcessStateRunning;
      extras = {{"pid", pid}};
      break;
    case ProcessState::kStopping:
      type = EventType::kProcessStateStopping;
      extras = {{"pid", pid}};
      break;
    case ProcessState::kStopped:
      type = EventType::kProcessStateStopped;
      extras = {{"pid", pid}};
      break;
    case ProcessState::kExited:
      type = EventType::kProcessStateExited;
      extras = {{"expected", expected ? "1" : "0"}, {"pid", pid}};
      break;
    case ProcessState::kFatal: type = EventType::kProcessStateFatal; break;
    case ProcessState::kUnknown: type = EventType::kProcessStateUnknown; break;
  }
  return {type, process_state_payload(p.name(), p.group_name(), process_state_name(from), extras)};
}

}  // namespace sn
