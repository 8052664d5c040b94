#include "lib/events/event_reader.h"

#include <gtest/gtest.h>

#include "lib/events/event_payload.h"

namespace sn {
namespace {

TEST(EventTokens, SplitsKeyValuePairs) {
  EventTokens t = parse_event_tokens("processname:web groupname:g from_state:RUNNING expected:0 pid:42");
  EXPECT_EQ(t.size(), 5u);
  EXPECT_EQ(t["processname"], "web");
  EXPECT_EQ(t["expected"], "0");
  EXPECT_EQ(parse_event_tokens("a:b:c")["a"], "b:c");  // only the first ':' splits
  EXPECT_TRUE(parse_event_tokens("").empty());
  EXPECT_THROW(parse_event_tokens("a:1 junk"), EventProtocolError);
}

TEST(EventReader, AssemblesEventsFromPieces) {
  std::string wire = "ver:3.0 server:s serial:1 pool:p poolserial:1 eventname:TICK_5 len:15\nwhen:1700000000";
  EventReader r;
  EXPECT_TRUE(r.feed(wire.substr(0, 10)).empty());
  EXPECT_TRUE(r.feed(wire.substr(10, 70)).empty());
  auto events = r.feed(wire.substr(80));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name(), "TICK_5");
  EXPECT_EQ(events[0].payload, "when:1700000000");
  EXPECT_EQ(events[0].header.at("pool"), "p");
  EXPECT_TRUE(r.idle());
}

TEST(EventReader, TakesSeveralEventsAtOnce) {
  std::string one = "eventname:A len:1\nx";
  std::string two = "eventname:B len:0\n";
  EventReader r;
  auto events = r.feed(one + two + "eventname:C len:3\nab");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name(), "A");
  EXPECT_EQ(events[1].name(), "B");
  EXPECT_EQ(events[1].payload, "");
  EXPECT_FALSE(r.idle());
  events = r.feed("c");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload, "abc");
}

TEST(EventReader, LenCountsCharactersNotBytes) {
  // What our daemon (and Python's) writes for UTF-8 child output.
  EventEnvelope env{"s", 7, "p", 3, EventType::kProcessLogStdout};
  std::string payload = process_log_payload("web", "web", 42, "stdout", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\n");
  std::string wire = event_envelope(env, payload) + "eventname:NEXT len:0\n";
  EventReader r;
  std::vector<ListenerEvent> events;
  for (char c : wire) {  // byte by byte: a character split across reads waits for its tail
    for (auto& e : r.feed(std::string_view(&c, 1))) events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, payload);
  EXPECT_EQ(events[0].header.at("serial"), "7");
  EXPECT_EQ(events[1].name(), "NEXT");
}

TEST(EventReader, RefusesHeadersItCannotRead) {
  EXPECT_THROW(EventReader().feed("eventname:A\n"), EventProtocolError);        // no len
  EXPECT_THROW(EventReader().feed("eventname:A len:x\n"), EventProtocolError);  // bad len
  EXPECT_THROW(EventReader().feed("eventname:A len:-1\n"), EventProtocolError);
  EXPECT_THROW(EventReader().feed("hello there\n"), EventProtocolError);          // not tokens
  EXPECT_THROW(EventReader().feed(std::string(70000, 'a')), EventProtocolError);  // no header is this long
  EXPECT_EQ(ListenerEvent{}.name(), "");
}

}  // namespace
}  // namespace sn
