#include "lib/util/syslog_socket.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "test_util.h"

namespace sn {
namespace {

using test::InZone;

using Receiver = test::DatagramReceiver;

TEST(SyslogSocket, WritesRecordsAsGlibcDoes) {
  InZone zone("UTC0");
  test::TempDir dir;
  Receiver receiver(dir.file("log"));
  ManualClock clock;  // wall 1700000000: Tue Nov 14 22:13:20 UTC 2023
  SyslogSocket socket(dir.file("log"), "supervisord", clock);
  socket.send("web hello");
  socket.send("LEVEL text", 8 | 3);
  EXPECT_EQ(receiver.next(), "<14>Nov 14 22:13:20 supervisord: web hello");
  EXPECT_EQ(receiver.next(), "<11>Nov 14 22:13:20 supervisord: LEVEL text");
  EXPECT_EQ(socket.dropped(), 0u);
}

TEST(SyslogSocket, AMissingSocketDropsRecordsAndSaysSoOnce) {
  test::TempDir dir;
  ManualClock clock;
  SyslogSocket socket(dir.file("log"), "supervisord", clock);
  std::vector<std::string> reports;
  socket.set_reporter([&](const std::string& m) { reports.push_back(m); });
  for (int i = 0; i < 5; ++i) socket.send("lost");
  EXPECT_EQ(socket.dropped(), 5u);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NE(reports[0].find(dir.file("log") + ": No such file or directory"), std::string::npos) << reports[0];

  Receiver receiver(dir.file("log"));
  socket.send("still lost: not tried again within the second");
  EXPECT_EQ(receiver.next(), "");
  clock.advance_seconds(1.0);
  socket.send("found");
  EXPECT_NE(receiver.next().find("supervisord: found"), std::string::npos);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_NE(reports[1].find("takes records again; 6 records were dropped"), std::string::npos) << reports[1];
}

TEST(SyslogSocket, DropsStillPendingAreReportedAtTheEnd) {
  test::TempDir dir;
  SyslogSocket socket(dir.file("log"), "supervisord");
  std::vector<std::string> reports;
  socket.set_reporter([&](const std::string& m) { reports.push_back(m); });
  socket.report_pending();
  EXPECT_TRUE(reports.empty());
  socket.send("lost");
  socket.send("lost too");
  socket.report_pending();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_NE(reports[1].find(": at exit, 2 records were dropped since the last count"), std::string::npos) << reports[1];
}

TEST(SyslogSocket, AFlappingSocketIsCountedAtMostEveryTenSeconds) {
  test::TempDir dir;
  ManualClock clock;
  SyslogSocket socket(dir.file("log"), "supervisord", clock);
  std::vector<std::string> reports;
  socket.set_reporter([&](const std::string& m) { reports.push_back(m); });
  auto with_receiver = [&](double wait) {
    auto r = std::make_unique<Receiver>(dir.file("log"));
    clock.advance_seconds(wait);
    socket.send("taken");
    ::unlink(dir.file("log").c_str());
  };
  socket.send("lost 1");  // no socket: "dropped until it takes records again"
  with_receiver(1.0);     // taken: "1 record was dropped"
  ASSERT_EQ(reports.size(), 2u);
  socket.send("lost 2");  // the daemon went away: said once more
  with_receiver(1.0);     // taken, but within 10 s of the last count: quiet
  socket.send("lost 3");  // still announced: quiet
  EXPECT_EQ(reports.size(), 3u);
  with_receiver(10.0);
  ASSERT_EQ(reports.size(), 4u);
  EXPECT_NE(reports[3].find("takes records again; 2 records were dropped"), std::string::npos) << reports[3];
  EXPECT_EQ(socket.dropped(), 3u);
}

TEST(SyslogSocket, AFullSocketNeverBlocks) {
  test::TempDir dir;
  Receiver receiver(dir.file("log"), 4096);
  SyslogSocket socket(dir.file("log"), "supervisord");
  int reports = 0;
  socket.set_reporter([&](const std::string&) { ++reports; });
  std::string record(1000, 'x');
  for (int i = 0; i < 2000; ++i) socket.send(record);  // would block forever with glibc's syslog()
  EXPECT_GT(socket.dropped(), 0u);
  EXPECT_EQ(reports, 1);
  while (!receiver.next().empty()) {
  }
  socket.send("room again");
  EXPECT_EQ(reports, 2);
}

TEST(SyslogSocket, ARestartedSyslogDaemonIsFoundAgain) {
  test::TempDir dir;
  SyslogSocket socket(dir.file("log"), "supervisord");
  {
    Receiver first(dir.file("log"));
    socket.send("one");
    EXPECT_NE(first.next().find("one"), std::string::npos);
  }
  ::unlink(dir.file("log").c_str());
  Receiver second(dir.file("log"));
  socket.send("two");
  EXPECT_NE(second.next().find("two"), std::string::npos);
  EXPECT_EQ(socket.dropped(), 0u);
}

std::vector<std::string> lines_of(std::string_view text, size_t max = SyslogSocket::kMaxText) {
  std::vector<std::string> out;
  for_each_syslog_line(text, max, [&](std::string_view line) { out.emplace_back(line); });
  return out;
}

TEST(SyslogLines, SplitAsSupervisorSplits) {
  using V = std::vector<std::string>;
  EXPECT_EQ(lines_of("one\ntwo\n"), (V{"one", "two"}));
  EXPECT_EQ(lines_of("one\n\n\n"), (V{"one"}));
  EXPECT_EQ(lines_of("\n\nthree"), (V{"", "", "three"}));
  EXPECT_EQ(lines_of("partial"), (V{"partial"}));
  EXPECT_EQ(lines_of("a\xff\xfe\n"), (V{"a\xff\xfe"}));  // not UTF-8: passed as it is
}

TEST(SyslogLines, LongLinesAreCutOutsideUtf8Sequences) {
  using V = std::vector<std::string>;
  EXPECT_EQ(lines_of(std::string(10, 'x'), 4), (V{"xxxx", "xxxx", "xx"}));
  // "é" is two bytes; a cut after 4 bytes would fall inside the second one.
  EXPECT_EQ(lines_of("abc\xc3\xa9\xc3\xa9", 4), (V{"abc", "\xc3\xa9\xc3\xa9"}));
}

}  // namespace
}  // namespace sn
