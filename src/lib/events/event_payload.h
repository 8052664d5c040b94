// The text supervisor 4.2 sends for each event, and the envelope a listener
// reads it in. Byte for byte what Python supervisor writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/events/event_type.h"

namespace sn {

// "processname:web groupname:web from_state:RUNNING expected:0 pid:42":
// the three common fields, then the type's extras in order.
std::string process_state_payload(std::string_view process, std::string_view group, std::string_view from_state,
                                  const std::vector<std::pair<std::string, std::string>>& extras);
// "processname:web groupname:web from_health:HEALTHY pid:42 failures:3"
// (PROCESS_HEALTH_*: ours).
std::string process_health_payload(std::string_view process, std::string_view group, std::string_view from_health,
                                   int64_t pid, int failures);
// "processname:p groupname:g pid:42 channel:stdout\n<data>".
std::string process_log_payload(std::string_view process, std::string_view group, int64_t pid, std::string_view channel,
                                std::string_view data);
// "processname:p groupname:g pid:42\n<data>".
std::string process_communication_payload(std::string_view process, std::string_view group, int64_t pid,
                                          std::string_view data);
// "type:<type>\n<data>".
std::string remote_communication_payload(std::string_view type, std::string_view data);
// "groupname:g\n" (PROCESS_GROUP_ADDED/REMOVED).
std::string process_group_payload(std::string_view group);
// "when:1700000000" (TICK_*).
std::string tick_payload(int64_t when);

// Child output as it goes into a payload: the text when it is UTF-8, else
// "Undecodable: b'...'" as supervisor writes it.
std::string decoded_output(std::string_view data);

struct EventEnvelope {
  std::string server;  // [supervisord] identifier
  uint64_t serial = 0;
  std::string pool;
  uint64_t pool_serial = 0;
  EventType type = EventType::kEvent;
};
// "ver:3.0 server:... serial:N pool:... poolserial:N eventname:NAME len:N\n<payload>";
// len counts characters, as Python's len() of the payload does.
std::string event_envelope(const EventEnvelope& e, std::string_view payload);

}  // namespace sn
