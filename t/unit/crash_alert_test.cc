#include "crashmail/crash_alert.h"

#include <gtest/gtest.h>

#include "lib/events/event_payload.h"

namespace sn {
namespace {

ListenerEvent exited(std::string process, std::string group, std::string expected) {
  ListenerEvent e;
  e.header["eventname"] = "PROCESS_STATE_EXITED";
  e.payload = process_state_payload(process, group, "RUNNING", {{"expected", expected}, {"pid", "42"}});
  return e;
}

constexpr double kWhen = 1764072000.25;

TEST(CrashAlert, UnexpectedExitIsAnAlert) {
  auto alert = crash_alert_from(exited("web", "site", "0"), {}, kWhen);
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->process, "web");
  EXPECT_EQ(alert->group, "site");
  EXPECT_EQ(alert->pid, "42");
  EXPECT_EQ(alert->from_state, "RUNNING");
  EXPECT_DOUBLE_EQ(alert->when, kWhen);
}

TEST(CrashAlert, ExpectedExitsOtherEventsAndJunkAreNot) {
  EXPECT_FALSE(crash_alert_from(exited("web", "site", "1"), {}, kWhen));
  ListenerEvent fatal = exited("web", "site", "0");
  fatal.header["eventname"] = "PROCESS_STATE_FATAL";
  EXPECT_FALSE(crash_alert_from(fatal, {}, kWhen));
  ListenerEvent junk = exited("web", "site", "0");
  junk.payload = "not tokens at all";
  EXPECT_FALSE(crash_alert_from(junk, {}, kWhen));
  junk.payload = "groupname:site expected:0";  // no process name
  EXPECT_FALSE(crash_alert_from(junk, {}, kWhen));
}

TEST(CrashAlert, SelectionByNameGroupOrAny) {
  ProcessSelection some{{"web", "batch:worker_01", "cron:*"}, false};
  EXPECT_TRUE(some.matches("site", "web"));
  EXPECT_TRUE(some.matches("batch", "worker_01"));
  EXPECT_FALSE(some.matches("batch", "worker_02"));
  EXPECT_TRUE(some.matches("cron", "anything"));
  EXPECT_FALSE(some.matches("other", "db"));
  EXPECT_TRUE((ProcessSelection{{"web"}, true}).matches("other", "db"));  // -a overrides -p
  EXPECT_TRUE(ProcessSelection{}.matches("other", "db"));                 // nothing chosen: all
  EXPECT_FALSE(crash_alert_from(exited("db", "other", "0"), some, kWhen));
}

TEST(CrashAlert, SuperlanceLines) {
  CrashAlert a{"web", "site", "42", "RUNNING", kWhen};
  EXPECT_EQ(crashmail_line(a), "Process web in group site exited unexpectedly (pid 42) from state RUNNING");
  std::string line = crashmailbatch_line(a);
  EXPECT_TRUE(line.ends_with(",250 -- Process site:web (pid 42) died unexpectedly")) << line;
  EXPECT_EQ(line.size(), std::string("2025-11-25 12:00:00,250 -- Process site:web (pid 42) died unexpectedly").size());
}

TEST(CrashAlert, MinosLine) {
  CrashAlert a{"hdfs--dptst--datanode1", "hdfs--dptst--datanode1", "42", "RUNNING", kWhen};
  std::string line = minos_line(a, "http://10.0.0.5:9001");
  EXPECT_TRUE(
      line.ends_with(",250 -- http://10.0.0.5:9001 -- Process hdfs--dptst--datanode1:hdfs--dptst--datanode1 "
                     "(pid 42) died unexpectedly"))
      << line;
  EXPECT_EQ(line.substr(0, 23), crashmailbatch_line(a).substr(0, 23));
}

}  // namespace
}  // namespace sn
