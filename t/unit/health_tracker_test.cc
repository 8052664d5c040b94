#include "supervisord/process/health_tracker.h"

#include <gtest/gtest.h>

#include "lib/util/clock.h"

namespace sn {
namespace {

HealthCheck check(int retries, int start_period = 0) {
  HealthCheck c;
  c.retries = retries;
  c.start_period_secs = start_period;
  return c;
}

TEST(HealthTracker, UnknownUntilTheFirstResultThenHealthy) {
  HealthCheck c = check(3);
  HealthTracker t(c);
  EXPECT_EQ(t.health(), Health::kUnknown);
  EXPECT_TRUE(t.record(true, "", seconds_to_ns(30)));
  EXPECT_EQ(t.health(), Health::kHealthy);
  EXPECT_FALSE(t.record(true, "", seconds_to_ns(60)));  // no change
  EXPECT_EQ(health_name(t.health()), "HEALTHY");
}

TEST(HealthTracker, UnhealthyAfterRetriesFailuresInARow) {
  HealthCheck c = check(3);
  HealthTracker t(c);
  t.record(true, "", seconds_to_ns(1));
  EXPECT_FALSE(t.record(false, "HTTP 500", seconds_to_ns(2)));
  EXPECT_FALSE(t.record(false, "HTTP 500", seconds_to_ns(3)));
  EXPECT_EQ(t.health(), Health::kHealthy);
  EXPECT_EQ(t.failures(), 2);
  EXPECT_TRUE(t.record(false, "connection refused", seconds_to_ns(4)));
  EXPECT_EQ(t.health(), Health::kUnhealthy);
  EXPECT_EQ(t.failures(), 3);
  EXPECT_EQ(t.last_error(), "connection refused");
  EXPECT_FALSE(t.record(false, "connection refused", seconds_to_ns(5)));  // still unhealthy: no new change
  EXPECT_TRUE(t.record(true, "", seconds_to_ns(6)));
  EXPECT_EQ(t.failures(), 0);
  EXPECT_EQ(t.last_error(), "");
  EXPECT_EQ(t.checks(), 6);
}

TEST(HealthTracker, ASuccessBreaksTheStreak) {
  HealthCheck c = check(2);
  HealthTracker t(c);
  t.record(false, "x", seconds_to_ns(1));
  t.record(true, "", seconds_to_ns(2));
  EXPECT_FALSE(t.record(false, "x", seconds_to_ns(3)));
  EXPECT_NE(t.health(), Health::kUnhealthy);
}

TEST(HealthTracker, FailuresWithinTheStartPeriodDoNotCount) {
  HealthCheck c = check(1, 10);
  HealthTracker t(c);
  EXPECT_FALSE(t.record(false, "starting", seconds_to_ns(5)));
  EXPECT_EQ(t.health(), Health::kUnknown);
  EXPECT_EQ(t.failures(), 0);
  EXPECT_EQ(t.last_error(), "starting");
  EXPECT_TRUE(t.record(false, "down", seconds_to_ns(11)));
  EXPECT_EQ(t.health(), Health::kUnhealthy);
}

}  // namespace
}  // namespace sn
