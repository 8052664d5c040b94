// Tested by t/integration/test_health.py (an HTTP child flipping between 200
// and 500, each action) and, for the counting, t/unit/health_tracker_test.cc.
#include "supervisord/process/health_watch.h"

namespace sn {

HealthWatch::HealthWatch(EventLoop& loop, LaunchPad& pad, const HealthCheck& check, Changed changed)
    : loop_(loop),
      pad_(pad),
      check_(check),
      changed_(std::move(changed)),
      tracker_(check),
      next_(loop.timers(), [this] { this->check(); }) {}

void HealthWatch::start() {
  running_since_ns_ = loop_.clock().monotonic_ns();
  next_.arm_at(running_since_ns_ + seconds_to_ns(check_.interval_secs));
}

void HealthWatch::check() {
  probe_ = std::make_unique<ProbeRun>(loop_, pad_, check_.probe, check_.timeout_secs * 1000,
                                      [this](bool ok, const std::string& why) { done(ok, why); });
}

void HealthWatch::done(bool ok, const std::string& why) {
  int64_t now = loop_.clock().monotonic_ns();
  next_.arm_at(now + seconds_to_ns(check_.interval_secs));
  Health before = tracker_.health();
  if (tracker_.record(ok, why, now - running_since_ns_) && changed_) changed_(before, tracker_);  // may end this watch
}

}  // namespace sn
