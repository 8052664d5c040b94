#include "crashmail/alert_mail.h"

#include <gtest/gtest.h>

#include <regex>

namespace sn {
namespace {

constexpr double kWhen = 1764072000.5;

CrashmailOptions crashmail_options() {
  CrashmailOptions o;
  o.to = {"ops@x.org"};
  return o;
}

TEST(AlertMail, OneMailPerCrash) {
  CrashmailOptions o = crashmail_options();
  CrashAlert a{"web", "site", "42", "RUNNING", kWhen};
  OutgoingMail m = crash_mail(a, o, "robot@x.org", "host1");
  EXPECT_TRUE(std::regex_match(m.subject, std::regex(R"(web crashed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,500)")))
      << m.subject;
  EXPECT_EQ(m.from, "robot@x.org");
  EXPECT_EQ(m.to, o.to);
  EXPECT_EQ(m.alerts, 1u);
  EXPECT_TRUE(m.body.starts_with("Process web in group site exited unexpectedly (pid 42) from state RUNNING\n\n"));
  for (const char* line : {"Host: host1\n", "Process: web\n", "Group: site\n", "PID: 42\n",
                           "Exit: unexpected (not one of its exitcodes), from state RUNNING\n", "Time: "})
    EXPECT_NE(m.body.find(line), std::string::npos) << line;
  o.subject_prefix = "[prod]";
  EXPECT_TRUE(crash_mail(a, o, "r@x", "h").subject.starts_with("[prod]: web crashed at "));
}

TEST(AlertMail, MinosMailIsItsLinesToEveryRecipient) {
  CrashmailOptions o = crashmail_options();
  o.from = "robot@x.org";
  o.subject = "ignored, as in Minos";
  OutgoingMail m = minos_batch_mail({"line one", "line two"}, o, {"ops@x.org", "hdfs@x.org"}, "host1", kWhen);
  EXPECT_EQ(m.subject, "Crash alert from supervisord on host1");
  EXPECT_EQ(m.body, "line one\nline two");
  EXPECT_EQ(m.to, (std::vector<std::string>{"ops@x.org", "hdfs@x.org"}));
  EXPECT_EQ(m.alerts, 2u);
}

TEST(AlertMail, OneMailPerBatch) {
  CrashmailOptions o = crashmail_options();
  o.batch = true;
  o.from = "robot@x.org";
  std::vector<CrashAlert> alerts{{"a", "g", "1", "RUNNING", kWhen}, {"b", "g", "2", "RUNNING", kWhen + 1}};
  OutgoingMail m = batch_mail(alerts, o, "host1", kWhen + 2);
  EXPECT_EQ(m.subject, "Crash alert from supervisord");
  EXPECT_EQ(m.from, "robot@x.org");
  EXPECT_EQ(m.alerts, 2u);
  EXPECT_EQ(m.body, crashmailbatch_line(alerts[0]) + "\n" + crashmailbatch_line(alerts[1]) + "\n\nHost: host1\n");
  o.subject = "Crashes";
  EXPECT_EQ(batch_mail(alerts, o, "h", kWhen).subject, "Crashes");
}

}  // namespace
}  // namespace sn
