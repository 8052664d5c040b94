#include "supervisord/process/running_child.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

#include "real_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

// Alive and not a zombie waiting for a parent that never reaps.
bool alive(pid_t pid) {
  std::string stat = test::read_file("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return false;
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && stat.size() > paren + 2 && stat[paren + 2] != 'Z';
}

ProcessConfig program(const std::string& command) {
  ProcessConfig c;
  c.name = "p";
  c.command = command;
  c.startsecs = 0;
  c.autorestart = AutoRestart::kNever;
  c.stopwaitsecs = 1;
  return c;
}

TEST(RunningChild, StopSignalReachesTheChildAndItIsReaped) {
  test::RealProcessHost host;
  ProcessConfig c = program("/bin/sleep 30");
  Process p(c, "p", host);
  p.spawn();
  pid_t pid = p.pid();
  ASSERT_GT(pid, 0);
  EXPECT_EQ(p.stop(), "");
  ASSERT_TRUE(host.run_until([&] { return p.state() == ProcessState::kStopped; }));
  EXPECT_EQ(p.exit_status(), -1);
  EXPECT_FALSE(alive(pid));
  EXPECT_NE(::kill(pid, 0), 0) << "reaped, not a zombie";
}

TEST(RunningChild, ProcessGroupSignalReachesGrandchildren) {
  test::TempDir dir;
  test::RealProcessHost host;
  ProcessConfig c = program("/bin/sh -c 'sleep 30 & echo $!; wait'");
  c.stopasgroup = c.killasgroup = true;
  Process p(c, "p", host);
  p.set_log_paths(dir.file("out.log"), "");
  p.spawn();
  ASSERT_TRUE(host.run_until([&] { return !test::read_file(dir.file("out.log")).empty(); }));
  pid_t grandchild = std::stoi(test::read_file(dir.file("out.log")));
  p.stop();
  ASSERT_TRUE(host.run_until([&] { return p.state() == ProcessState::kStopped; }));
  // The grandchild got SIGTERM too; give the kernel a moment to reap it via init.
  for (int i = 0; i < 100 && alive(grandchild); ++i) ::usleep(10000);
  EXPECT_FALSE(alive(grandchild));
}

TEST(RunningChild, ProgramIgnoringTermIsKilledAfterStopwaitsecs) {
  test::RealProcessHost host;
  ProcessConfig c = program("/bin/sh -c 'trap \"\" TERM; while :; do sleep 0.1; done'");
  c.stopasgroup = c.killasgroup = true;
  Process p(c, "p", host);
  p.spawn();
  host.run_for(0.3);  // let the shell install its trap
  p.stop();
  host.run_for(0.5);
  EXPECT_EQ(p.state(), ProcessState::kStopping) << "TERM is ignored";
  ASSERT_TRUE(host.run_until([&] { return p.state() == ProcessState::kStopped; }));
  EXPECT_EQ(p.exit_status(), -1);
  bool killed = false;
  for (const std::string& l : host.log_lines)
    killed = killed || (l.rfind("WARN killing 'p' (", 0) == 0 && l.find(") with SIGKILL") != std::string::npos);
  EXPECT_TRUE(killed);
}

TEST(RunningChild, SignalDeliversToARunningChild) {
  test::TempDir dir;
  test::RealProcessHost host;
  ProcessConfig c = program("/bin/sh -c 'trap \"echo got HUP\" HUP; while :; do sleep 0.05; done'");
  Process p(c, "p", host);
  p.set_log_paths(dir.file("out.log"), "");
  p.spawn();
  host.run_for(0.3);
  EXPECT_EQ(p.send_signal(SIGHUP), "");
  ASSERT_TRUE(host.run_until([&] { return test::read_file(dir.file("out.log")) == "got HUP\n"; }));
  p.stop();
  ASSERT_TRUE(host.run_until([&] { return is_stopped_state(p.state()); }));
}

}  // namespace
}  // namespace sn
