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

namespace {

constexpr double kLongestWait = 60;  // seconds

int64_t multiple(double seconds, int period) { return static_cast<int64_t>(std::floor(seconds / period) * period); }

}  // namespace

void TickTimers::update() {
  for (Period& p : periods_) {
    bool wanted = bus_.wanted(p.type);
    if (wanted && !p.timer->armed()) {
      p.last = multiple(loop_.clock().wall_seconds(), p.seconds);  // no tick at subscription
      arm(p);
    }
    if (!wanted && p.timer->armed()) p.timer->cancel();
  }
}

void TickTimers::arm(Period& p) {
  const Clock& clock = loop_.clock();
  double now = clock.wall_seconds();
  double wait = std::min(static_cast<double>(multiple(now, p.seconds) + p.seconds) - now, kLongestWait);
  p.timer->arm_at(clock.monotonic_ns() + static_cast<int64_t>(std::ceil(std::max(wait, 0.0) * kNanosPerSecond)));
}

void TickTimers::fire(Period& p) {
  int64_t when = multiple(loop_.clock().wall_seconds(), p.seconds);
  arm(p);
  if (when == p.last) return;  // woken early, or only to watch the clock
  p.last = when;
  bus_.publish({p.type, tick_payload(when)});
}

}  // namespace sn
