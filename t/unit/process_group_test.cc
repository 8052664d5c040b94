#include "supervisord/process/process_group.h"

#include <gtest/gtest.h>

#include <csignal>

#include "fake_process_host.h"

namespace sn {
namespace {

using test::FakeProcessHost;

GroupConfig group() {
  GroupConfig g;
  g.name = "g";
  for (auto [name, prio] : {std::pair{"a", 1}, std::pair{"b", 2}, std::pair{"c", 3}}) {
    ProcessConfig p;
    p.name = name;
    p.command = "/bin/true";
    p.priority = prio;
    g.processes.push_back(p);
  }
  return g;
}

TEST(ProcessGroup, StartsAutostartProcessesInPriorityOrder) {
  FakeProcessHost host;
  GroupConfig cfg = group();
  cfg.processes[1].autostart = false;
  ProcessGroup g(std::make_shared<const GroupConfig>(cfg), host);
  g.start_autostart();
  EXPECT_EQ(g.find("a")->pid(), 100);
  EXPECT_EQ(g.find("b")->state(), ProcessState::kStopped);
  EXPECT_EQ(g.find("c")->pid(), 101);
  EXPECT_EQ(g.find("zzz"), nullptr);
}

TEST(ProcessGroup, StopAllGoesHighestPriorityFirstAndGivesUpBackoff) {
  FakeProcessHost host;
  ProcessGroup g(std::make_shared<const GroupConfig>(group()), host);
  g.start_autostart();
  g.find("b")->on_exit(ExitStatus::exited(1));  // BACKOFF
  g.stop_all();
  ASSERT_EQ(host.launcher.signals.size(), 2u);
  EXPECT_EQ(host.launcher.signals[0].pid, g.find("c")->pid());
  EXPECT_EQ(host.launcher.signals[1].pid, g.find("a")->pid());
  EXPECT_EQ(g.find("b")->state(), ProcessState::kFatal);
  EXPECT_EQ(g.unstopped().size(), 2u);
  g.find("a")->on_exit(ExitStatus::killed(SIGTERM));
  g.find("c")->on_exit(ExitStatus::killed(SIGTERM));
  EXPECT_TRUE(g.unstopped().empty());
}

}  // namespace
}  // namespace sn
