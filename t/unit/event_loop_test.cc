#include "lib/util/event_loop.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>

#include "lib/util/unique_fd.h"

namespace sn {
namespace {

TEST(EventLoop, CallsHandlerWhenDescriptorIsReadable) {
  EventLoop loop;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd r(fds[0]), w(fds[1]);
  int calls = 0;
  EventLoop::Watch watch = loop.watch(r.get(), EPOLLIN, [&](uint32_t events) {
    EXPECT_TRUE(events & EPOLLIN);
    char c;
    ASSERT_EQ(::read(r.get(), &c, 1), 1);
    ++calls;
    loop.stop();
  });
  ASSERT_EQ(::write(w.get(), "x", 1), 1);
  loop.run();
  EXPECT_EQ(calls, 1);
}

TEST(EventLoop, FiresTimersWithoutOtherActivity) {
  EventLoop loop;
  int fired = 0;
  Timer t(loop.timers(), [&] {
    ++fired;
    loop.stop();
  });
  t.arm_at(loop.clock().monotonic_ns() + 20 * kNanosPerMilli);
  int64_t before = loop.clock().monotonic_ns();
  loop.run();
  EXPECT_EQ(fired, 1);
  EXPECT_GE(loop.clock().monotonic_ns() - before, 20 * kNanosPerMilli);
}

TEST(EventLoop, WatchResetStopsCallbacks) {
  EventLoop loop;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd r(fds[0]), w(fds[1]);
  int calls = 0;
  EventLoop::Watch watch = loop.watch(r.get(), EPOLLIN, [&](uint32_t) { ++calls; });
  watch.reset();
  ASSERT_EQ(::write(w.get(), "x", 1), 1);
  loop.run_once(10);
  EXPECT_EQ(calls, 0);
}

TEST(EventLoop, HandlerMayDestroyAnotherPendingWatch) {
  EventLoop loop;
  int a[2], b[2];
  ASSERT_EQ(::pipe(a), 0);
  ASSERT_EQ(::pipe(b), 0);
  UniqueFd ar(a[0]), aw(a[1]), br(b[0]), bw(b[1]);
  auto wa = std::make_unique<EventLoop::Watch>();
  auto wb = std::make_unique<EventLoop::Watch>();
  int calls = 0;
  *wa = loop.watch(ar.get(), EPOLLIN, [&](uint32_t) {
    ++calls;
    wa.reset();
    wb.reset();
  });
  *wb = loop.watch(br.get(), EPOLLIN, [&](uint32_t) {
    ++calls;
    wa.reset();
    wb.reset();
  });
  ASSERT_EQ(::write(aw.get(), "x", 1), 1);
  ASSERT_EQ(::write(bw.get(), "x", 1), 1);
  loop.run_once(10);
  EXPECT_EQ(calls, 1);
}

TEST(EventLoop, HandlerMayDestroyItsOwnWatch) {
  EventLoop loop;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd r(fds[0]), w(fds[1]);
  auto watch = std::make_unique<EventLoop::Watch>();
  int calls = 0;
  *watch = loop.watch(r.get(), EPOLLIN, [&, counter = std::make_shared<int>(0)](uint32_t) {
    ++*counter;
    ++calls;
    watch.reset();
  });
  ASSERT_EQ(::write(w.get(), "x", 1), 1);
  loop.run_once(10);
  loop.run_once(10);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sn
