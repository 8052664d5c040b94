// Deadlines kept in order, so one timerfd armed for the earliest one is
// all an event loop needs: nothing wakes it when nothing is due.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

namespace sn {

class TimerQueue;

// One pending deadline with its callback. Disarmed when destroyed, so an
// owner that goes away can never be called back.
class Timer {
 public:
  Timer(TimerQueue& queue, std::function<void()> callback);
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer();

  void arm_at(int64_t deadline_ns);
  void cancel();
  bool armed() const { return armed_; }
  int64_t deadline() const { return deadline_; }

 private:
  friend class TimerQueue;
  TimerQueue& queue_;
  std::function<void()> callback_;
  std::multimap<int64_t, Timer*>::iterator position_;
  int64_t deadline_ = 0;
  bool armed_ = false;
};

class TimerQueue {
 public:
  std::optional<int64_t> next_deadline() const;
  // Fires, in deadline order, every timer due at `now_ns`. A timer is
  // disarmed before its callback runs, so the callback may arm it again.
  void run_due(int64_t now_ns);
  size_t size() const { return timers_.size(); }

 private:
  friend class Timer;
  std::multimap<int64_t, Timer*> timers_;
};

}  // namespace sn
