#include "lib/events/event_reader.h"

#include <gtest/gtest.h>

#include "lib/events/event_payload.h"

namespace sn {
namespace {

EventTokens tokens(std::string_view line) {
  std::string error;
  std::optional<EventTokens> t = parse_event_tokens(line, &error);
  EXPECT_TRUE(t.has_value()) << error;
  return t.value_or(EventTokens{});
}

std::vector<ListenerEvent> feed(EventReader& r, std::string_view bytes) {
  std::vector<ListenerEvent> events;
  std::string error;
  EXPECT_TRUE(r.feed(bytes, &events, &error)) << error;
  return events;
}

// What a reader fed `bytes` at once says is wrong.
std::string refusal(std::string_view bytes) {
  EventReader r;
  std::vector<ListenerEvent> events;
  std::string error;
  EXPECT_FALSE(r.feed(bytes, &events, &error)) << bytes;
  return error;
}

TEST(EventTokens, SplitsKeyValuePairs) {
  EventTokens t = tokens("processname:web groupname:g from_state:RUNNING expected:0 pid:42");
  EXPECT_EQ(t.size(), 5u);
  EXPECT_EQ(t["processname"], "web");
  EXPECT_EQ(t["expected"], "0");
  EXPECT_EQ(tokens("a:b:c")["a"], "b:c");  // only the first ':' splits
  EXPECT_TRUE(tokens("").empty());
  std::string error;
  EXPECT_FALSE(parse_event_tokens("a:1 junk", &error).has_value());
  EXPECT_EQ(error, "event header token without ':': junk");
}

TEST(EventReader, AssemblesEventsFromPieces) {
  std::string wire = "ver:3.0 server:s serial:1 pool:p poolserial:1 eventname:TICK_5 len:15\nwhen:1700000000";
  EventReader r;
  EXPECT_TRUE(feed(r, wire.substr(0, 10)).empty());
  EXPECT_TRUE(feed(r, wire.substr(10, 70)).empty());
  auto events = feed(r, wire.substr(80));
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
  auto events = feed(r, one + two + "eventname:C len:3\nab");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name(), "A");
  EXPECT_EQ(events[1].name(), "B");
  EXPECT_EQ(events[1].payload, "");
  EXPECT_FALSE(r.idle());
  events = feed(r, "c");
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
    for (auto& e : feed(r, std::string_view(&c, 1))) events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].payload, payload);
  EXPECT_EQ(events[0].header.at("serial"), "7");
  EXPECT_EQ(events[1].name(), "NEXT");
}

TEST(EventReader, RefusesHeadersItCannotRead) {
  EXPECT_EQ(refusal("eventname:A\n"), "event header without len");
  EXPECT_EQ(refusal("eventname:A len:x\n"), "event header with a bad len: x");
  EXPECT_EQ(refusal("eventname:A len:-1\n"), "event header with a bad len: -1");
  EXPECT_EQ(refusal("hello there\n"), "event header token without ':': hello");
  EXPECT_EQ(refusal(std::string(70000, 'a')), "event header line too long");
  EXPECT_EQ(ListenerEvent{}.name(), "");
}

TEST(EventReader, StopsAtTheFirstBadHeader) {
  EventReader r;
  std::vector<ListenerEvent> events;
  std::string error;
  EXPECT_FALSE(r.feed("eventname:A len:1\nxjunk\neventname:B len:0\n", &events, &error));
  ASSERT_EQ(events.size(), 1u);  // what came whole before it
  EXPECT_EQ(events[0].name(), "A");
  events.clear();
  error.clear();
  EXPECT_FALSE(r.feed("eventname:C len:0\n", &events, &error));  // and nothing after
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(error, "event header token without ':': junk");
}

}  // namespace
}  // namespace sn
