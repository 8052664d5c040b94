// Tested by t/unit/event_bus_test.cc.
#include "supervisord/events/event_bus.h"

namespace sn {

int EventBus::subscribe(std::vector<EventType> types, Handler handler) {
  int id = next_id_++;
  subscriptions_[id] = Subscription{std::move(types), std::move(handler)};
  if (on_changed_) on_changed_();
  return id;
}

void EventBus::unsubscribe(int id) {
  subscriptions_.erase(id);
  if (on_changed_) on_changed_();
}

bool EventBus::wanted(EventType type) const {
  for (const auto& [id, s] : subscriptions_) {
    for (EventType t : s.types) {
      if (event_type_is_a(type, t)) return true;
    }
  }
  return false;
}

void EventBus::publish(const Event& event) {
  // A handler may subscribe or unsubscribe (a pool removed while an event
  // goes out): walk a snapshot of the ids.
  std::vector<int> ids;
  for (const auto& [id, s] : subscriptions_) ids.push_back(id);
  for (int id : ids) {
    auto it = subscriptions_.find(id);
    if (it == subscriptions_.end()) continue;
    for (EventType t : it->second.types) {
      if (!event_type_is_a(event.type, t)) continue;
      Handler handler = it->second.handler;
      handler(event);
      break;
    }
  }
}

}  // namespace sn
