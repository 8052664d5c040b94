#include "lib/util/rate_limiter.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(RateLimiter, LetsABurstThroughThenCountsWhatItHoldsBack) {
  ManualClock clock;
  RateLimiter limit(clock, 3, kNanosPerSecond);
  uint64_t held = 99;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limit.allow(&held));
    EXPECT_EQ(held, 0u);
  }
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limit.allow(&held));
  clock.advance_ns(kNanosPerSecond);
  EXPECT_TRUE(limit.allow(&held));
  EXPECT_EQ(held, 5u);  // said once, with the first that goes through
  EXPECT_TRUE(limit.allow(&held));
  EXPECT_EQ(held, 0u);
}

}  // namespace
}  // namespace sn
