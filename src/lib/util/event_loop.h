// One epoll instance, one timerfd armed for the earliest deadline of a
// TimerQueue, and callbacks. Nothing wakes the loop when nothing is ready
// and nothing is due.
#pragma once

#include <sys/epoll.h>

#include <cstdint>
#include <functional>
#include <unordered_map>

#include "lib/util/clock.h"
#include "lib/util/timer_queue.h"
#include "lib/util/unique_fd.h"

namespace sn {

class EventLoop {
 public:
  using Handler = std::function<void(uint32_t events)>;

  // A registered descriptor; unregistered when destroyed. Destroy it before
  // closing the descriptor (declare it after the UniqueFd it watches).
  class Watch {
   public:
    Watch() = default;
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    Watch(Watch&& other) noexcept { *this = std::move(other); }
    Watch& operator=(Watch&& other) noexcept;
    ~Watch() { reset(); }

    void set_events(uint32_t events);
    void reset();
    bool active() const { return loop_ != nullptr; }

   private:
    friend class EventLoop;
    Watch(EventLoop* loop, uint64_t id, int fd) : loop_(loop), id_(id), fd_(fd) {}
    EventLoop* loop_ = nullptr;
    uint64_t id_ = 0;
    int fd_ = -1;
  };

  explicit EventLoop(const Clock& clock = SystemClock::instance());
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Watches `fd` for `events` (EPOLLIN, EPOLLOUT, ...). Throws std::system_error.
  [[nodiscard]] Watch watch(int fd, uint32_t events, Handler handler);
  TimerQueue& timers() { return timers_; }
  const Clock& clock() const { return clock_; }

  // Dispatches until stop() is called.
  void run();
  // One round: waits at most `timeout_ms` (-1: until something happens).
  void run_once(int timeout_ms = -1);
  void stop() { stopped_ = true; }

 private:
  void unwatch(uint64_t id, int fd);
  void arm_timer();

  const Clock& clock_;
  TimerQueue timers_;
  UniqueFd epoll_;
  UniqueFd timerfd_;
  std::unordered_map<uint64_t, Handler> handlers_;
  uint64_t next_id_ = 1;
  int64_t armed_deadline_ = -1;
  bool stopped_ = false;
};

}  // namespace sn
