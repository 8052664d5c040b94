// Tested by t/unit/event_payload_test.cc.
#include "lib/events/event_payload.h"

#include "lib/util/strings.h"

namespace sn {

std::string process_state_payload(std::string_view process, std::string_view group, std::string_view from_state,
                                  const std::vector<std::pair<std::string, std::string>>& extras) {
  std::string out = "processname:" + std::string(process) + " groupname:" + std::string(group) +
                    " from_state:" + std::string(from_state);
  for (const auto& [name, value] : extras) out += " " + name + ":" + value;
  return out;
}

std::string process_health_payload(std::string_view process, std::string_view group, std::string_view from_health,
                                   int64_t pid, int failures) {
  return "processname:" + std::string(process) + " groupname:" + std::string(group) +
         " from_health:" + std::string(from_health) + " pid:" + std::to_string(pid) +
         " failures:" + std::to_string(failures);
}

std::string decoded_output(std::string_view data) {
  if (is_valid_utf8(data)) return std::string(data);
  return "Undecodable: " + py_bytes_repr(data);
}

std::string process_log_payload(std::string_view process, std::string_view group, int64_t pid, std::string_view channel,
                                std::string_view data) {
  return "processname:" + std::string(process) + " groupname:" + std::string(group) + " pid:" + std::to_string(pid) +
         " channel:" + std::string(channel) + "\n" + decoded_output(data);
}

std::string process_communication_payload(std::string_view process, std::string_view group, int64_t pid,
                                          std::string_view data) {
  return "processname:" + std::string(process) + " groupname:" + std::string(group) + " pid:" + std::to_string(pid) +
         "\n" + decoded_output(data);
}

std::string remote_communication_payload(std::string_view type, std::string_view data) {
  return "type:" + std::string(type) + "\n" + std::string(data);
}

std::string process_group_payload(std::string_view group) { return "groupname:" + std::string(group) + "\n"; }

std::string tick_payload(int64_t when) { return "when:" + std::to_string(when); }

std::string event_envelope(const EventEnvelope& e, std::string_view payload) {
  return "ver:3.0 server:" + e.server + " serial:" + std::to_string(e.serial) + " pool:" + e.pool +
         " poolserial:" + std::to_string(e.pool_serial) + " eventname:" + std::string(event_type_name(e.type)) +
         " len:" + std::to_string(utf8_char_count(payload)) + "\n" + std::string(payload);
}

}  // namespace sn
