#include "lib/util/event_loop.h"

#include <sys/timerfd.h>

#include <cerrno>
#include <system_error>

namespace sn {
namespace {

constexpr uint64_t kTimerId = 0;

[[noreturn]] void throw_errno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

EventLoop::Watch& EventLoop::Watch::operator=(Watch&& other) noexcept {
  if (this != &other) {
    reset();
    loop_ = std::exchange(other.loop_, nullptr);
    id_ = other.id_;
    fd_ = other.fd_;
  }
  return *this;
}

void EventLoop::Watch::set_events(uint32_t events) {
  if (!loop_) return;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = id_;
  ::epoll_ctl(loop_->epoll_.get(), EPOLL_CTL_MOD, fd_, &ev);
}

void EventLoop::Watch::reset() {
  if (EventLoop* loop = std::exchange(loop_, nullptr)) loop->unwatch(id_, fd_);
}

EventLoop::EventLoop(const Clock& clock) : clock_(clock) {
  epoll_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_) throw_errno("epoll_create1");
  timerfd_.reset(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
  if (!timerfd_) throw_errno("timerfd_create");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kTimerId;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, timerfd_.get(), &ev) != 0) throw_errno("epoll_ctl");
}

EventLoop::Watch EventLoop::watch(int fd, uint32_t events, Handler handler) {
  uint64_t id = next_id_++;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = id;
  if (::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) throw_errno("epoll_ctl");
  handlers_.emplace(id, std::move(handler));
  return Watch(this, id, fd);
}

void EventLoop::unwatch(uint64_t id, int fd) {
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
  handlers_.erase(id);
}

void EventLoop::arm_timer() {
  int64_t deadline = timers_.next_deadline().value_or(-1);
  if (deadline == armed_deadline_) return;
  itimerspec spec{};
  if (deadline >= 0) {
    // 0 would disarm the timer: a deadline at time zero is already due anyway.
    int64_t when = deadline > 0 ? deadline : 1;
    spec.it_value.tv_sec = when / kNanosPerSecond;
    spec.it_value.tv_nsec = when % kNanosPerSecond;
  }
  ::timerfd_settime(timerfd_.get(), TFD_TIMER_ABSTIME, &spec, nullptr);
  armed_deadline_ = deadline;
}

void EventLoop::run() {
  stopped_ = false;
  while (!stopped_) run_once(-1);
}

void EventLoop::run_once(int timeout_ms) {
  timers_.run_due(clock_.monotonic_ns());
  if (stopped_) return;
  arm_timer();
  epoll_event events[64];
  int n = ::epoll_wait(epoll_.get(), events, 64, timeout_ms);
  if (n < 0) {
    if (errno == EINTR) return;
    throw_errno("epoll_wait");
  }
  for (int i = 0; i < n; ++i) {
    uint64_t id = events[i].data.u64;
    if (id == kTimerId) {
      uint64_t expirations;
      [[maybe_unused]] ssize_t r = ::read(timerfd_.get(), &expirations, sizeof expirations);
      armed_deadline_ = -1;  // it fired: arm again next round
      continue;
    }
    auto it = handlers_.find(id);
    if (it == handlers_.end()) continue;  // unwatched by an earlier handler this round
    // A copy: the handler may destroy the watch that registered it.
    Handler handler = it->second;
    handler(events[i].events);
  }
  timers_.run_due(clock_.monotonic_ns());
}

}  // namespace sn
