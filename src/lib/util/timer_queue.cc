#include "lib/util/timer_queue.h"

namespace sn {

Timer::Timer(TimerQueue& queue, std::function<void()> callback) : queue_(queue), callback_(std::move(callback)) {}

Timer::~Timer() { cancel(); }

void Timer::arm_at(int64_t deadline_ns) {
  cancel();
  deadline_ = deadline_ns;
  position_ = queue_.timers_.emplace(deadline_ns, this);
  armed_ = true;
}

void Timer::cancel() {
  if (!armed_) return;
  queue_.timers_.erase(position_);
  armed_ = false;
}

std::optional<int64_t> TimerQueue::next_deadline() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first;
}

void TimerQueue::run_due(int64_t now_ns) {
  while (!timers_.empty() && timers_.begin()->first <= now_ns) {
    Timer* timer = timers_.begin()->second;
    timer->cancel();
    // A copy: the callback may destroy the timer that holds it.
    auto callback = timer->callback_;
    callback();
  }
}

}  // namespace sn
