#include "supervisord/rpc/process_info.h"

#include <gtest/gtest.h>

#include "fake_process_host.h"

namespace sn {
namespace {

TEST(ProcessInfo, UptimeLooksLikePythonTimedelta) {
  EXPECT_EQ(format_uptime(5), "0:00:05");
  EXPECT_EQ(format_uptime(65), "0:01:05");
  EXPECT_EQ(format_uptime(12 * 3600 + 3 * 60 + 44), "12:03:44");
  EXPECT_EQ(format_uptime(86400 + 2 * 3600 + 3 * 60 + 4), "1 day, 2:03:04");
  EXPECT_EQ(format_uptime(3 * 86400 + 1), "3 days, 0:00:01");
  EXPECT_EQ(format_uptime(-5), "0:00:00");
}

TEST(ProcessInfo, TimesAreCapped) {
  EXPECT_EQ(capped_time(1700000000.9), 1700000000);
  EXPECT_EQ(capped_time(1e12), 2147483647);
  EXPECT_EQ(capped_time(-1e12), -2147483648LL);
}

class ProcessInfoTest : public ::testing::Test {
 protected:
  ProcessInfoTest() {
    config.name = "web";
    config.command = "/bin/true";
  }
  test::FakeProcessHost host;
  ProcessConfig config;
};

TEST_F(ProcessInfoTest, DescriptionPerState) {
  Process p(config, "web", host);
  double now = host.clock().wall_seconds();
  EXPECT_EQ(process_description(p, now), "Not started");
  p.spawn();
  EXPECT_EQ(process_description(p, now), "");  // STARTING
  host.advance(65);
  EXPECT_EQ(process_description(p, host.clock().wall_seconds()), "pid 100, uptime 0:01:05");
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(p.state(), ProcessState::kExited);
  EXPECT_EQ(process_description(p, now).size(), std::string("Nov 25 02:26 AM").size());
}

TEST_F(ProcessInfoTest, BackoffAndFatalShowTheError) {
  config.startretries = 0;
  Process p(config, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(process_description(p, 0), "Exited too quickly (process log may have details)");
}

TEST_F(ProcessInfoTest, StructHasSupervisorsKeys) {
  Process p(config, "grp", host);
  p.set_log_paths("/var/log/out", "");
  XmlRpcValue info = process_info(p, 1700000000.5);
  std::vector<std::string> keys;
  for (const auto& [k, v] : info.as_struct()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "group", "start", "stop", "now", "state", "statename", "spawnerr",
                                            "exitstatus", "logfile", "stdout_logfile", "stderr_logfile", "pid",
                                            "description"}));
  EXPECT_EQ(info.member("group")->as_string(), "grp");
  EXPECT_EQ(info.member("now")->as_int(), 1700000000);
  EXPECT_EQ(info.member("logfile")->as_string(), "/var/log/out");
  EXPECT_EQ(info.member("stderr_logfile")->as_string(), "");
  EXPECT_EQ(info.member("statename")->as_string(), "STOPPED");
  EXPECT_EQ(info.member("pid")->as_int(), 0);
}

}  // namespace
}  // namespace sn
