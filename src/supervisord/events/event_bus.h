// Where supervisord's events go: publishers hand over a type and its
// payload, subscribers (listener pools) get every event of the types they
// asked for, subtypes included. Nothing is kept when nobody subscribes.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/events/event_type.h"

namespace sn {

struct Event {
  Event() = default;
  Event(EventType t, std::string text) : type(t), payload(std::move(text)) {}

  EventType type = EventType::kEvent;
  std::string payload;
  // Given by the first pool that takes the event, then shared by all, as
  // supervisor numbers events (an event nobody takes uses no number).
  mutable std::optional<uint64_t> serial;
};

class EventBus {
 public:
  using Handler = std::function<void(const Event&)>;

  // Returns an id for unsubscribe().
  int subscribe(std::vector<EventType> types, Handler handler);
  void unsubscribe(int id);
  void publish(const Event& event);
  // Whether anyone would receive an event of exactly `type`.
  bool wanted(EventType type) const;
  // Called after every subscribe or unsubscribe (the TICK timers re-arm).
  void set_on_subscriptions_changed(std::function<void()> callback) { on_changed_ = std::move(callback); }

 private:
  struct Subscription {
    std::vector<EventType> types;
    Handler handler;
  };
  std::map<int, Subscription> subscriptions_;  // by id: delivery in subscription order
  int next_id_ = 1;
  std::function<void()> on_changed_;
};

}  // namespace sn
