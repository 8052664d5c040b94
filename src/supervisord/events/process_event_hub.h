// The daemon's event plumbing: the bus, the TICK timers, and one listener
// pool per [eventlistener:x] group. It hears children's output (as their
// ChildOutputSink) and their state changes, and turns them into events.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "supervisord/events/event_bus.h"
#include "supervisord/events/listener_pool.h"
#include "supervisord/events/tick_timers.h"
#include "supervisord/process/child_output_sink.h"
#include "supervisord/process/process_group.h"

namespace sn {

class ProcessEventHub final : public ChildOutputSink {
 public:
  ProcessEventHub(EventLoop& loop, Logger& logger, std::string server_identifier);
  ProcessEventHub(const ProcessEventHub&) = delete;
  ProcessEventHub& operator=(const ProcessEventHub&) = delete;

  EventBus& bus() { return bus_; }
  // A pool for an event listener group; it must go before the group does.
  void add_pool(ProcessGroup& group);
  void remove_pool(std::string_view group);
  ListenerPool* find_pool(std::string_view group) const;
  // After a process changed state: its pool hears first (a dead listener's
  // event goes back before this newer one), then PROCESS_STATE_*.
  void state_changed(Process& process, ProcessState from, bool expected);
  // PROCESS_HEALTH_HEALTHY / _UNHEALTHY (ours; only pools naming them get them).
  void health_changed(Process& process, Health from);

  // ChildOutputSink
  void listener_output(Process& listener, std::string_view data) override;
  void process_output(Process& process, std::string_view channel, std::string_view data) override;
  void process_communication(Process& process, std::string_view channel, std::string_view data) override;

 private:
  Logger& logger_;
  std::string server_identifier_;
  EventBus bus_;
  TickTimers ticks_;
  std::map<std::string, std::unique_ptr<ListenerPool>, std::less<>> pools_;
};

}  // namespace sn
