#include "supervisord/events/event_bus.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(EventBus, SubtypesReachSubscribersOfTheirAncestors) {
  EventBus bus;
  std::vector<std::string> got;
  bus.subscribe({EventType::kProcessState}, [&](const Event& e) { got.push_back("state:" + e.payload); });
  bus.subscribe({EventType::kEvent}, [&](const Event& e) { got.push_back("all:" + e.payload); });
  bus.publish({EventType::kProcessStateExited, "x"});
  bus.publish({EventType::kTick5, "t"});
  EXPECT_EQ(got, (std::vector<std::string>{"state:x", "all:x", "all:t"}));
}

TEST(EventBus, OneDeliveryPerSubscriberAndUnsubscribe) {
  EventBus bus;
  int calls = 0;
  int changes = 0;
  bus.set_on_subscriptions_changed([&] { ++changes; });
  int id = bus.subscribe({EventType::kProcessState, EventType::kProcessStateExited}, [&](const Event&) { ++calls; });
  EXPECT_TRUE(bus.wanted(EventType::kProcessStateRunning));
  EXPECT_FALSE(bus.wanted(EventType::kTick60));
  bus.publish({EventType::kProcessStateExited, ""});
  EXPECT_EQ(calls, 1);
  bus.unsubscribe(id);
  bus.publish({EventType::kProcessStateExited, ""});
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(changes, 2);
  EXPECT_FALSE(bus.wanted(EventType::kProcessStateRunning));
}

TEST(EventBus, AHandlerMayUnsubscribeAnother) {
  EventBus bus;
  int second_calls = 0;
  int second = 0;
  bus.subscribe({EventType::kEvent}, [&](const Event&) { bus.unsubscribe(second); });
  second = bus.subscribe({EventType::kEvent}, [&](const Event&) { ++second_calls; });
  bus.publish({EventType::kTick5, ""});
  EXPECT_EQ(second_calls, 0);
}

}  // namespace
}  // namespace sn
