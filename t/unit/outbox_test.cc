#include "crashmail/outbox.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

OutgoingMail mail(std::string subject, size_t alerts = 1) {
  OutgoingMail m;
  m.subject = std::move(subject);
  m.alerts = alerts;
  return m;
}

TEST(Outbox, OldestFirst) {
  Outbox box(60);
  EXPECT_EQ(box.due(0), nullptr);
  box.add(mail("a"));
  box.add(mail("b", 3));
  EXPECT_EQ(box.size(), 2u);
  EXPECT_EQ(box.alerts(), 4u);
  ASSERT_NE(box.due(0), nullptr);
  EXPECT_EQ(box.begin_sending().subject, "a");
  EXPECT_EQ(box.due(0), nullptr);  // one at a time
  box.sent();
  EXPECT_EQ(box.begin_sending().subject, "b");
  box.sent();
  EXPECT_TRUE(box.empty());
}

TEST(Outbox, FailedMailWaitsForItsRetryOrATick) {
  Outbox box(60);
  box.add(mail("a"));
  box.begin_sending();
  box.failed(100);
  EXPECT_EQ(box.retry_at().value(), 160);
  EXPECT_EQ(box.due(159), nullptr);
  ASSERT_NE(box.due(160), nullptr);
  EXPECT_EQ(box.due(160)->subject, "a");  // still the same mail: nothing lost
  box.retry_now();
  EXPECT_FALSE(box.retry_at().has_value());
  EXPECT_NE(box.due(101), nullptr);
  box.begin_sending();
  box.failed(200);
  box.add(mail("b"));  // a new mail waits behind the failed one
  EXPECT_EQ(box.due(210), nullptr);
  EXPECT_EQ(box.due(260)->subject, "a");
  box.begin_sending();
  box.sent();
  EXPECT_EQ(box.due(260)->subject, "b");
}

TEST(Outbox, BacklogPastCapacityDropsTheOldest) {
  Outbox box(60, 2);
  EXPECT_EQ(box.add(mail("a", 2)), 0u);
  EXPECT_EQ(box.add(mail("b")), 0u);
  box.begin_sending();
  box.failed(0);
  EXPECT_EQ(box.add(mail("c")), 2u);
  EXPECT_EQ(box.size(), 2u);
  EXPECT_EQ(box.due(0)->subject, "b");  // the dropped mail's retry wait went with it
  // the mail being sent is never the one dropped
  EXPECT_EQ(box.begin_sending().subject, "b");
  EXPECT_EQ(box.add(mail("d", 5)), 1u);  // c goes
  box.sent();
  EXPECT_EQ(box.due(0)->subject, "d");
}

TEST(BatchWindow, CountsItsOwnTicksInFloatingMinutesLikeSuperlance) {
  BatchWindow window("TICK_5", 5, 0.5);
  int completed_at = 0;
  for (int tick = 1; tick <= 7 && !completed_at; ++tick) {
    EXPECT_FALSE(window.tick("TICK_60"));  // other ticks do not count
    if (window.tick("TICK_5")) completed_at = tick;
  }
  EXPECT_EQ(completed_at, 7);  // six TICK_5 are 0.49999999999999994 minutes
  BatchWindow each("TICK_5", 5, 0.08);
  EXPECT_TRUE(each.tick("TICK_5"));
  EXPECT_TRUE(each.tick("TICK_5"));
  BatchWindow hourly("TICK_60", 60, 2);
  EXPECT_FALSE(hourly.tick("TICK_60"));
  EXPECT_TRUE(hourly.tick("TICK_60"));
  EXPECT_FALSE(hourly.tick("TICK_60"));  // the count restarted
}

}  // namespace
}  // namespace sn
