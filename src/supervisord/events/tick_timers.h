// TICK_5, TICK_60 and TICK_3600: an event when the wall clock enters a new
// multiple of the period ("when:" is that multiple; a clock set back gives
// an earlier one), as supervisor sends them. A period's timer is armed only
// while some pool subscribes to it, so a daemon without such listeners
// never wakes up for ticks; with one, it wakes at each multiple, and at
// least once a minute so that a wall clock set forward is noticed.
#pragma once

#include <array>
#include <memory>

#include "lib/util/event_loop.h"
#include "supervisord/events/event_bus.h"

namespace sn {

class TickTimers {
 public:
  TickTimers(EventLoop& loop, EventBus& bus);
  // Arms or cancels each period's timer after the subscriptions changed.
  void update();

 private:
  struct Period {
    int seconds;
    EventType type;
    std::unique_ptr<Timer> timer;
    int64_t last = 0;  // the multiple last seen (supervisor's lasttick)
  };
  void arm(Period& p);
  void fire(Period& p);

  EventLoop& loop_;
  EventBus& bus_;
  std::array<Period, 3> periods_;
};

}  // namespace sn
