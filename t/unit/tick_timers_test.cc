#include "supervisord/events/tick_timers.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

struct TickFixture {
  TickFixture() : loop(clock), ticks(loop, bus) {
    clock.set_wall(1000.5);  // between multiples of 5, 60 and 3600
    bus.set_on_subscriptions_changed([this] { ticks.update(); });
  }
  void advance(double seconds) {
    clock.advance_seconds(seconds);
    loop.timers().run_due(clock.monotonic_ns());
  }
  ManualClock clock;
  EventLoop loop;
  EventBus bus;
  TickTimers ticks;
};

TEST(TickTimers, NoSubscriberNoTimer) {
  TickFixture f;
  f.ticks.update();
  EXPECT_FALSE(f.loop.timers().next_deadline());
  f.bus.subscribe({EventType::kProcessState}, [](const Event&) {});
  EXPECT_FALSE(f.loop.timers().next_deadline());  // not a TICK
}

TEST(TickTimers, FiresAtEachMultipleWithItsTime) {
  TickFixture f;
  std::vector<std::string> got;
  int id = f.bus.subscribe({EventType::kTick5}, [&](const Event& e) { got.push_back(e.payload); });
  f.advance(4.4);  // 1004.9
  EXPECT_TRUE(got.empty());
  f.advance(0.2);  // 1005.1
  EXPECT_EQ(got, (std::vector<std::string>{"when:1005"}));
  f.advance(5.0);
  EXPECT_EQ(got.back(), "when:1010");
  EXPECT_EQ(got.size(), 2u);
  f.bus.unsubscribe(id);
  EXPECT_FALSE(f.loop.timers().next_deadline());  // idle again
}

TEST(TickTimers, AClockJumpGivesOneTickForTheLatestMultiple) {
  TickFixture f;
  std::vector<std::string> got;
  f.bus.subscribe({EventType::kTick60}, [&](const Event& e) { got.push_back(e.payload); });
  f.advance(600);  // 1000.5 -> 1600.5 at once
  EXPECT_EQ(got, (std::vector<std::string>{"when:1560"}));
  f.advance(60);
  EXPECT_EQ(got.back(), "when:1620");
}

TEST(TickTimers, AWallClockSetBackOrForwardIsFollowed) {
  TickFixture f;
  std::vector<std::string> got;
  f.bus.subscribe({EventType::kTick5}, [&](const Event& e) { got.push_back(e.payload); });
  f.advance(5);             // 1005.5
  f.clock.set_wall(905.5);  // set back, the monotonic clock unmoved
  f.advance(5);
  EXPECT_EQ(got, (std::vector<std::string>{"when:1005", "when:910"}));
}

TEST(TickTimers, AnHourlyTickNoticesAClockSetForwardWithinAMinute) {
  TickFixture f;
  std::vector<std::string> got;
  f.bus.subscribe({EventType::kTick3600}, [&](const Event& e) { got.push_back(e.payload); });
  f.clock.set_wall(11000.5);
  f.advance(60);
  EXPECT_EQ(got, (std::vector<std::string>{"when:10800"}));
}

TEST(TickTimers, TheEventTypeAllSubscribersGetTicksToo) {
  TickFixture f;
  std::vector<EventType> got;
  f.bus.subscribe({EventType::kEvent}, [&](const Event& e) { got.push_back(e.type); });
  for (int i = 0; i < 3600; ++i) f.advance(1);
  // 1000.5 -> 4600.5: 720 TICK_5, 60 TICK_60, one TICK_3600.
  EXPECT_EQ(std::count(got.begin(), got.end(), EventType::kTick5), 720);
  EXPECT_EQ(std::count(got.begin(), got.end(), EventType::kTick60), 60);
  EXPECT_EQ(std::count(got.begin(), got.end(), EventType::kTick3600), 1);
}

}  // namespace
}  // namespace sn
