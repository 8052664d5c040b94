#include "lib/util/clock.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Clock, SystemClockMovesForward) {
  const Clock& c = SystemClock::instance();
  int64_t a = c.monotonic_ns();
  int64_t b = c.monotonic_ns();
  EXPECT_LE(a, b);
  EXPECT_GT(c.wall_seconds(), 1.6e9);
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock c;
  int64_t m = c.monotonic_ns();
  double w = c.wall_seconds();
  c.advance_seconds(1.5);
  EXPECT_EQ(c.monotonic_ns() - m, 1'500'000'000);
  EXPECT_DOUBLE_EQ(c.wall_seconds() - w, 1.5);
}

}  // namespace
}  // namespace sn
