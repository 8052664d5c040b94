#include "supervisord/rpc/pending_calls.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(PendingCalls, StepsRunNowAndAfterEachWake) {
  ManualClock clock;
  EventLoop loop(clock);
  PendingCalls pending(loop);
  int runs = 0;
  bool ready = false;
  pending.add([&] {
    ++runs;
    return ready;
  });
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(pending.size(), 1u);
  pending.wake();
  pending.wake();  // several wakes before the loop runs: one pass
  loop.timers().run_due(clock.monotonic_ns());
  EXPECT_EQ(runs, 2);
  ready = true;
  pending.wake();
  loop.timers().run_due(clock.monotonic_ns());
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(pending.size(), 0u);
  pending.wake();
  EXPECT_FALSE(loop.timers().next_deadline()) << "nothing pending: no timer";
}

TEST(PendingCalls, FinishedAtOnceIsNeverKept) {
  ManualClock clock;
  EventLoop loop(clock);
  PendingCalls pending(loop);
  pending.add([] { return true; });
  EXPECT_EQ(pending.size(), 0u);
}

TEST(PendingCalls, StepsMayAddSteps) {
  ManualClock clock;
  EventLoop loop(clock);
  PendingCalls pending(loop);
  bool go = false;
  int inner = 0;
  pending.add([&] {
    if (!go) return false;
    pending.add([&] {
      ++inner;
      return false;
    });
    return true;
  });
  go = true;
  pending.wake();
  loop.timers().run_due(clock.monotonic_ns());
  EXPECT_EQ(inner, 1);
  EXPECT_EQ(pending.size(), 1u);
}

}  // namespace
}  // namespace sn
