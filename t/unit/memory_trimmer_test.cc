#include "lib/util/memory_trimmer.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(MemoryTrimmer, TrimsOnceAfterTheDelayHowEverOftenAsked) {
  ManualClock clock;
  TimerQueue timers;
  MemoryTrimmer trimmer(timers, clock);
  EXPECT_EQ(timers.size(), 0u);  // nothing pending until there is something to give back
  trimmer.soon();
  trimmer.soon();
  EXPECT_EQ(timers.size(), 1u);
  clock.advance_ns(MemoryTrimmer::kDelayNs - 1);
  timers.run_due(clock.monotonic_ns());
  EXPECT_EQ(trimmer.trims(), 0u);
  clock.advance_ns(1);
  timers.run_due(clock.monotonic_ns());
  EXPECT_EQ(trimmer.trims(), 1u);
  EXPECT_EQ(timers.size(), 0u);  // and nothing more: an idle daemon is not woken
}

TEST(MemoryTrimmer, AskingAgainAfterATrimArmsAgain) {
  ManualClock clock;
  TimerQueue timers;
  MemoryTrimmer trimmer(timers, clock, 5);
  trimmer.soon();
  clock.advance_ns(5);
  timers.run_due(clock.monotonic_ns());
  trimmer.soon();
  clock.advance_ns(5);
  timers.run_due(clock.monotonic_ns());
  EXPECT_EQ(trimmer.trims(), 2u);
}

}  // namespace
}  // namespace sn
