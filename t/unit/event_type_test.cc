#include "lib/events/event_type.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(EventType, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(EventType::kProcessHealthUnhealthy); ++i) {
    EventType t = static_cast<EventType>(i);
    EXPECT_EQ(parse_event_type(event_type_name(t)), t);
  }
  EXPECT_FALSE(parse_event_type("process_state"));  // callers upper-case first
  EXPECT_FALSE(parse_event_type("NOPE"));
}

TEST(EventType, Hierarchy) {
  EXPECT_TRUE(event_type_is_a(EventType::kProcessStateExited, EventType::kProcessState));
  EXPECT_TRUE(event_type_is_a(EventType::kProcessStateExited, EventType::kEvent));
  EXPECT_TRUE(event_type_is_a(EventType::kTick5, EventType::kTick));
  EXPECT_TRUE(event_type_is_a(EventType::kProcessLogStderr, EventType::kProcessLog));
  EXPECT_TRUE(event_type_is_a(EventType::kProcessGroupAdded, EventType::kProcessGroup));
  EXPECT_FALSE(event_type_is_a(EventType::kTick5, EventType::kProcessState));
  EXPECT_FALSE(event_type_is_a(EventType::kEvent, EventType::kTick));
  EXPECT_TRUE(event_type_is_a(EventType::kTick60, EventType::kTick60));
}

TEST(EventType, HealthIsOutsideEvent) {
  EXPECT_TRUE(event_type_is_a(EventType::kProcessHealthUnhealthy, EventType::kProcessHealth));
  EXPECT_TRUE(event_type_is_a(EventType::kProcessHealthHealthy, EventType::kProcessHealth));
  EXPECT_FALSE(event_type_is_a(EventType::kProcessHealthUnhealthy, EventType::kEvent));
  EXPECT_FALSE(event_type_is_a(EventType::kProcessHealth, EventType::kEvent));
  EXPECT_FALSE(event_type_is_a(EventType::kProcessStateRunning, EventType::kProcessHealth));
}

}  // namespace
}  // namespace sn
