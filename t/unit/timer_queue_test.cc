#include "lib/util/timer_queue.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace sn {
namespace {

TEST(TimerQueue, EmptyHasNoDeadline) {
  TimerQueue q;
  EXPECT_FALSE(q.next_deadline());
  q.run_due(1000);
}

TEST(TimerQueue, FiresDueTimersInDeadlineOrder) {
  TimerQueue q;
  std::vector<int> fired;
  Timer a(q, [&] { fired.push_back(1); });
  Timer b(q, [&] { fired.push_back(2); });
  Timer c(q, [&] { fired.push_back(3); });
  a.arm_at(30);
  b.arm_at(10);
  c.arm_at(50);
  EXPECT_EQ(q.next_deadline(), 10);
  q.run_due(30);
  EXPECT_EQ(fired, (std::vector<int>{2, 1}));
  EXPECT_FALSE(a.armed());
  EXPECT_TRUE(c.armed());
  EXPECT_EQ(q.next_deadline(), 50);
}

TEST(TimerQueue, RearmingMovesTheDeadline) {
  TimerQueue q;
  int n = 0;
  Timer t(q, [&] { ++n; });
  t.arm_at(10);
  t.arm_at(100);
  q.run_due(50);
  EXPECT_EQ(n, 0);
  EXPECT_EQ(q.size(), 1u);
  q.run_due(100);
  EXPECT_EQ(n, 1);
}

TEST(TimerQueue, CallbackMayRearmItsOwnTimer) {
  TimerQueue q;
  int n = 0;
  std::unique_ptr<Timer> t;
  t = std::make_unique<Timer>(q, [&] {
    if (++n < 3) t->arm_at(20 + n);
  });
  t->arm_at(10);
  q.run_due(100);
  EXPECT_EQ(n, 3);
}

TEST(TimerQueue, CallbackMayDestroyItsOwnTimer) {
  TimerQueue q;
  int n = 0;
  std::unique_ptr<Timer> t;
  t = std::make_unique<Timer>(q, [&] {
    ++n;
    t.reset();
  });
  t->arm_at(1);
  q.run_due(1);
  EXPECT_EQ(n, 1);
  EXPECT_EQ(q.size(), 0u);
}

TEST(TimerQueue, DestroyedTimerNeverFires) {
  TimerQueue q;
  int n = 0;
  {
    Timer t(q, [&] { ++n; });
    t.arm_at(5);
  }
  q.run_due(10);
  EXPECT_EQ(n, 0);
  EXPECT_FALSE(q.next_deadline());
}

}  // namespace
}  // namespace sn
