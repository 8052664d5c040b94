// Tested by t/unit/supervisor_test.cc (a child's output reaches the hub) and
// t/integration/test_events.py.
#include "supervisord/events/process_event_hub.h"

#include "lib/events/event_payload.h"
#include "lib/util/strings.h"
#include "supervisord/events/process_events.h"

namespace sn {

ProcessEventHub::ProcessEventHub(EventLoop& loop, Logger& logger, std::string server_identifier)
    : logger_(logger), server_identifier_(std::move(server_identifier)), ticks_(loop, bus_) {
  bus_.set_on_subscriptions_changed([this] { ticks_.update(); });
}

void ProcessEventHub::add_pool(ProcessGroup& group) {
  pools_[group.name()] = std::make_unique<ListenerPool>(group, bus_, logger_, server_identifier_);
}

void ProcessEventHub::remove_pool(std::string_view group) {
  if (auto it = pools_.find(group); it != pools_.end()) pools_.erase(it);
}

ListenerPool* ProcessEventHub::find_pool(std::string_view group) const {
  auto it = pools_.find(group);
  return it == pools_.end() ? nullptr : it->second.get();
}

void ProcessEventHub::state_changed(Process& process, ProcessState from, bool expected) {
  if (ListenerPool* pool = find_pool(process.group_name())) pool->on_state_changed(process);
  if (!pools_.empty()) bus_.publish(process_state_event(process, from, expected));  // no text for nobody
}

void ProcessEventHub::health_changed(Process& process, Health from) {
  if (pools_.empty() || process.health() == Health::kUnknown) return;
  EventType type =
      process.health() == Health::kHealthy ? EventType::kProcessHealthHealthy : EventType::kProcessHealthUnhealthy;
  bus_.publish({type, process_health_payload(process.name(), process.group_name(), health_name(from), process.pid(),
                                             process.health_failures())});
}

void ProcessEventHub::listener_output(Process& listener, std::string_view data) {
  if (ListenerPool* pool = find_pool(listener.group_name())) pool->on_listener_output(listener, data);
}

void ProcessEventHub::process_output(Process& process, std::string_view channel, std::string_view data) {
  if (pools_.empty()) return;
  EventType type = channel == "stdout" ? EventType::kProcessLogStdout : EventType::kProcessLogStderr;
  bus_.publish({type, process_log_payload(process.name(), process.group_name(), process.pid(), channel, data)});
}

void ProcessEventHub::process_communication(Process& process, std::string_view channel, std::string_view data) {
  EventType type =
      channel == "stdout" ? EventType::kProcessCommunicationStdout : EventType::kProcessCommunicationStderr;
  bus_.publish({type, process_communication_payload(process.name(), process.group_name(), process.pid(), data)});
  logger_.debug(py_repr(process.name()) + " " + std::string(channel) + " emitted a comm event");
}

}  // namespace sn
