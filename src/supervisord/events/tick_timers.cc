// Tested by t/unit/tick_timers_test.cc.
#include "supervisord/events/tick_timers.h"

#include <algorithm>
#include <cmath>

#include "lib/events/event_payload.h"

namespace sn {

TickTimers::TickTimers(EventLoop& loop, EventBus& bus)
    : loop_(loop),
      bus_(bus),
      periods_{Period{5, EventType::kTick5, nullptr}, Period{60, EventType::kTick60, nullptr},
               Period{3600, EventType::kTick3600, nullptr}} {
  for (Period& p : periods_) p.timer = std::make_unique<Timer>(loop_.timers(), [this, &p] { fire(p); });
}

void TickTimers::update() {
  for (Period& p : periods_) {
    bool wanted = bus_.wanted(p.type);
    if (wanted && !p.timer->armed()) arm(p, loop_.clock().wall_seconds());
    if (!wanted && p.timer->armed()) p.timer->cancel();
  }
}

void TickTimers::arm(Period& p, double after) {
  const Clock& clock = loop_.clock();
  double now = clock.wall_seconds();
  p.due = static_cast<int64_t>((std::floor(after / p.seconds) + 1) * p.seconds);
  double wait = std::max(0.0, static_cast<double>(p.due) - now);
  p.timer->arm_at(clock.monotonic_ns() + static_cast<int64_t>(std::ceil(wait * kNanosPerSecond)));
}

void TickTimers::fire(Period& p) {
  // The multiple just crossed: the one the timer was for, or a later one
  // when the wall clock jumped ahead meanwhile.
  double now = loop_.clock().wall_seconds();
  int64_t when = std::max(p.due, static_cast<int64_t>(std::floor(now / p.seconds) * p.seconds));
  arm(p, static_cast<double>(when));
  bus_.publish({p.type, tick_payload(when)});
}

}  // namespace sn
