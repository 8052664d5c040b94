#include "lib/events/listener_protocol.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

using Kind = ListenerSignal::Kind;

std::vector<Kind> kinds(const std::vector<ListenerSignal>& signals) {
  std::vector<Kind> out;
  for (const auto& s : signals) out.push_back(s.kind);
  return out;
}

TEST(ListenerProtocol, ReadyBusyResultAcknowledged) {
  ListenerProtocol p;
  EXPECT_EQ(p.state(), ListenerState::kAcknowledged);
  EXPECT_TRUE(p.feed("REA").empty());  // not enough to decide
  EXPECT_EQ(kinds(p.feed("DY\n")), std::vector<Kind>{Kind::kReady});
  EXPECT_EQ(p.state(), ListenerState::kReady);
  p.event_sent();
  EXPECT_EQ(p.state(), ListenerState::kBusy);
  EXPECT_TRUE(p.feed("RESULT 2").empty());
  EXPECT_TRUE(p.feed("\nO").empty());
  EXPECT_EQ(kinds(p.feed("K")), std::vector<Kind>{Kind::kAccepted});
  EXPECT_EQ(p.state(), ListenerState::kAcknowledged);
}

TEST(ListenerProtocol, EverythingInOneWriteIsTakenAtOnce) {
  ListenerProtocol p;
  p.feed("READY\n");
  p.event_sent();
  EXPECT_EQ(kinds(p.feed("RESULT 2\nOKREADY\n")), (std::vector<Kind>{Kind::kAccepted, Kind::kReady}));
  EXPECT_EQ(p.state(), ListenerState::kReady);
}

TEST(ListenerProtocol, AnythingButOkRejectsTheEvent) {
  ListenerProtocol p;
  p.feed("READY\n");
  p.event_sent();
  auto s = p.feed("RESULT 4\nFAIL");
  ASSERT_EQ(kinds(s), std::vector<Kind>{Kind::kRejected});
  EXPECT_EQ(s[0].text, "FAIL");
  EXPECT_EQ(p.state(), ListenerState::kAcknowledged);
}

TEST(ListenerProtocol, JunkMakesItUnknownForGood) {
  ListenerProtocol a;
  EXPECT_EQ(kinds(a.feed("hello world\n")), std::vector<Kind>{Kind::kViolation});
  EXPECT_EQ(a.state(), ListenerState::kUnknown);
  EXPECT_TRUE(a.feed("READY\n").empty());  // ignored from now on
  a.reset();                               // until the process restarts
  EXPECT_EQ(kinds(a.feed("READY\n")), std::vector<Kind>{Kind::kReady});

  ListenerProtocol b;
  b.feed("READY\n");
  EXPECT_EQ(kinds(b.feed("x")), std::vector<Kind>{Kind::kViolation});  // output while READY

  ListenerProtocol c;
  c.feed("READY\n");
  c.event_sent();
  auto s = c.feed("RESULT two\nOK");
  ASSERT_EQ(kinds(s), std::vector<Kind>{Kind::kBadResultLine});
  EXPECT_EQ(s[0].text, "RESULT two");
  EXPECT_EQ(c.state(), ListenerState::kUnknown);
}

TEST(ListenerProtocol, AResultLineThatNeverEndsIsAViolation) {
  ListenerProtocol p;
  p.feed("READY\n");
  p.event_sent();
  EXPECT_TRUE(p.feed(std::string(4000, 'x')).empty());
  EXPECT_EQ(kinds(p.feed(std::string(200, 'x'))), std::vector<Kind>{Kind::kBadResultLine});
  EXPECT_EQ(p.state(), ListenerState::kUnknown);
}

TEST(ListenerProtocol, StateNames) {
  EXPECT_EQ(listener_state_name(ListenerState::kAcknowledged), "ACKNOWLEDGED");
  EXPECT_EQ(listener_state_name(ListenerState::kBusy), "BUSY");
}

}  // namespace
}  // namespace sn
