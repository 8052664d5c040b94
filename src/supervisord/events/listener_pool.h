// An [eventlistener:x] pool: the events its `events=` asks for wait in a
// buffer of `buffer_size` (overflow drops the oldest) and go, oldest first,
// to the first listener that is RUNNING and READY, in supervisor's
// envelope. What the listener answers moves it through the protocol; a
// rejected event, or one in the hands of a listener that died or broke the
// protocol, goes back to the head of the buffer.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "lib/events/listener_protocol.h"
#include "lib/util/logger.h"
#include "supervisord/events/event_bus.h"
#include "supervisord/process/process_group.h"

namespace sn {

class ListenerPool {
 public:
  ListenerPool(ProcessGroup& group, EventBus& bus, Logger& logger, std::string server_identifier);
  ~ListenerPool();
  ListenerPool(const ListenerPool&) = delete;
  ListenerPool& operator=(const ListenerPool&) = delete;

  // What one of the pool's listeners wrote on stdout.
  void on_listener_output(Process& listener, std::string_view data);
  // One of the pool's processes changed state.
  void on_state_changed(Process& listener);

  size_t buffered() const { return buffer_.size(); }
  ListenerState listener_state(const Process& listener) const;

 private:
  struct Queued {
    uint64_t serial = 0;
    uint64_t pool_serial = 0;
    Event event;
  };
  struct Listener {
    ListenerProtocol protocol;
    std::optional<Queued> in_hand;
  };

  void accept(const Event& event);
  void requeue(Queued queued);
  void enqueue(Queued queued, bool at_head);
  void dispatch();
  bool send(Queued& queued);
  void log_transition(const Process& p, ListenerState from, ListenerState to);
  Listener& listener(const Process& p);

  ProcessGroup& group_;
  EventBus& bus_;
  Logger& logger_;
  std::string server_;
  int subscription_ = 0;
  std::deque<Queued> buffer_;
  uint64_t pool_serial_ = 0;
  std::map<const Process*, Listener> listeners_;
};

}  // namespace sn
