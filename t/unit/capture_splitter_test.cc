#include "supervisord/output/capture_splitter.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

struct Collected {
  std::string logged, captured_text;
  std::vector<std::string> captures;
  void feed(CaptureSplitter& s, std::string_view data) {
    s.feed(
        data, [this](std::string_view t, bool captured) { (captured ? captured_text : logged) += t; },
        [this](const std::string& c) { captures.push_back(c); });
  }
};

TEST(CaptureSplitter, TextBetweenTheTokensIsOneCapture) {
  CaptureSplitter s(100);
  Collected c;
  c.feed(s, "before<!--XSUPERVISOR:BEGIN-->captured data<!--XSUPERVISOR:END-->after, and enough more text\n");
  EXPECT_EQ(c.logged, "beforeafter, and enough more text\n");
  EXPECT_EQ(c.captures, std::vector<std::string>{"captured data"});
  EXPECT_EQ(c.captured_text, "captured data");
}

TEST(CaptureSplitter, ShortTailsWaitForMoreAsInSupervisor) {
  CaptureSplitter s(100);
  Collected c;
  // supervisor's quirk: "after\n" is shorter than the BEGIN token, so it waits.
  c.feed(s, "before<!--XSUPERVISOR:BEGIN-->captured data<!--XSUPERVISOR:END-->after\n");
  EXPECT_EQ(c.logged, "before");
  EXPECT_EQ(c.captures.size(), 1u);
  c.feed(s, "and the rest of the line\n");
  EXPECT_EQ(c.logged, "beforeafter\nand the rest of the line\n");
}

TEST(CaptureSplitter, TokensSplitAcrossReads) {
  CaptureSplitter s(100);
  Collected c;
  c.feed(s, "some output here <!--XSUPER");
  EXPECT_EQ(c.logged, "some output here ");
  c.feed(s, "VISOR:BEGIN-->in");
  c.feed(s, "side<!--XSUPERVISOR:E");
  c.feed(s, "ND-->tail text that is long enough\n");
  EXPECT_EQ(c.captures, std::vector<std::string>{"inside"});
  EXPECT_EQ(c.logged, "some output here tail text that is long enough\n");
}

TEST(CaptureSplitter, TheFilterAppliesToCapturedText) {
  CaptureSplitter s(100, [](std::string_view t) {
    std::string out(t);
    std::erase(out, '#');
    return out;
  });
  Collected c;
  c.feed(s, "<!--XSUPERVISOR:BEGIN-->r#e#d<!--XSUPERVISOR:END-->and some trailing text here\n");
  EXPECT_EQ(c.captures, std::vector<std::string>{"red"});
}

TEST(CaptureSplitter, SeveralWritesKeepOnlyTheNewestAsBoundIODoes) {
  CaptureSplitter s(10);
  Collected c;
  c.feed(s, "<!--XSUPERVISOR:BEGIN-->aaaaaaaaaaaaaaaaaaaaaaaaa");  // 25 bytes: the capture takes 3 of them
  c.feed(s, "bbbbbbbbbbbbbbbbbbbbbbbbb");
  c.feed(s, "cc<!--XSUPERVISOR:END-->and some trailing text here\n");
  ASSERT_EQ(c.captures.size(), 1u);
  EXPECT_EQ(c.captures[0].back(), 'c');
  EXPECT_LT(c.captures[0].size(), 52u);  // older writes were pushed out
}

TEST(CaptureSplitter, TheCaptureKeepsItsNewestBytesWithinMaxbytes) {
  CaptureSplitter s(10);
  Collected c;
  c.feed(s, "<!--XSUPERVISOR:BEGIN-->0123456789");
  c.feed(s, "abcdefghijklmnopqrstuvwxyz0123<!--XSUPERVISOR:END-->and some trailing text\n");
  ASSERT_EQ(c.captures.size(), 1u);
  EXPECT_LE(c.captures[0].size(), 40u);
  EXPECT_EQ(c.captures[0].substr(c.captures[0].size() - 4), "0123");
}

}  // namespace
}  // namespace sn
