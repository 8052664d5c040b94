#include "supervisord/supervisor.h"

#include <gtest/gtest.h>

#include <csignal>

#include "fake_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

using test::CaptureLogSink;
using test::FakeLauncher;

class SupervisorTest : public ::testing::Test {
 protected:
  SupervisorTest() : loop(clock), logger(clock) {
    logger.add_sink(std::make_unique<CaptureLogSink>(&lines));
    config.childlogdir = dir.path();
    config.identifier = "test";
  }

  void add_program(const std::string& name, int priority, bool autostart = true) {
    GroupConfig g;
    g.name = name;
    g.priority = priority;
    ProcessConfig p;
    p.name = name;
    p.command = "/bin/true";
    p.priority = priority;
    p.autostart = autostart;
    g.processes.push_back(p);
    config.groups.push_back(g);
  }
  void tick(double seconds = 0) {
    clock.advance_seconds(seconds);
    loop.timers().run_due(clock.monotonic_ns());
  }
  Process& process(Supervisor& s, const std::string& name) { return *s.find_group(name)->find(name); }

  test::TempDir dir;
  ManualClock clock;
  EventLoop loop;
  Logger logger;
  std::vector<std::string> lines;
  SupervisordConfig config;
  FakeLauncher launcher;
};

TEST_F(SupervisorTest, StartsAutostartGroupsInPriorityOrder) {
  add_program("late", 10);
  add_program("early", 1);
  add_program("manual", 5, false);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  EXPECT_EQ(process(s, "early").pid(), 100);
  EXPECT_EQ(process(s, "late").pid(), 101);
  EXPECT_EQ(process(s, "manual").pid(), 0);
  std::vector<ProcessGroup*> order = s.groups();
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0]->name(), "early");
  EXPECT_EQ(order[1]->name(), "manual");
  EXPECT_EQ(order[2]->name(), "late");
}

TEST_F(SupervisorTest, AutoLogsAreCreatedInChildlogdir) {
  add_program("web", 1);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  const Process& p = process(s, "web");
  EXPECT_EQ(p.stdout_log_path().rfind(dir.path() + "/web-stdout---test-", 0), 0u) << p.stdout_log_path();
  EXPECT_TRUE(test::file_exists(p.stdout_log_path()));
  EXPECT_TRUE(test::file_exists(p.stderr_log_path()));
}

TEST_F(SupervisorTest, ShutdownStopsOneGroupAtATimeHighestPriorityFirst) {
  add_program("first", 1);
  add_program("second", 2);
  add_program("third", 3);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  bool stopped = false;
  s.set_on_stopped([&] { stopped = true; });
  s.shutdown();
  EXPECT_EQ(s.state(), SupervisorState::kShutdown);
  EXPECT_FALSE(s.may_start(process(s, "first")));
  ASSERT_EQ(launcher.signals.size(), 1u);
  EXPECT_EQ(launcher.signals[0].pid, process(s, "third").pid());
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for first, second, third to die"), 1);

  process(s, "third").on_exit(ExitStatus::killed(SIGTERM));
  EXPECT_EQ(launcher.signals.size(), 1u) << "the next group waits for the loop";
  tick();
  ASSERT_EQ(launcher.signals.size(), 2u);
  EXPECT_EQ(launcher.signals[1].pid, process(s, "second").pid());
  process(s, "second").on_exit(ExitStatus::killed(SIGTERM));
  tick();
  process(s, "first").on_exit(ExitStatus::killed(SIGTERM));
  EXPECT_FALSE(stopped);
  tick();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(launcher.spawns, 3) << "nothing restarts during shutdown";
}

TEST_F(SupervisorTest, ShutdownWithNothingRunningFinishesAtOnce) {
  add_program("idle", 1, false);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  bool stopped = false;
  s.set_on_stopped([&] { stopped = true; });
  s.restart();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(s.state(), SupervisorState::kRestarting);
}

TEST_F(SupervisorTest, WaitingReportRepeatsEveryThreeSeconds) {
  add_program("slow", 1);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  s.shutdown();
  tick(2.9);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for slow to die"), 1);
  tick(0.2);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for slow to die"), 2);
}

TEST_F(SupervisorTest, ShutdownDoesNotWaitForAProgramInBackoff) {
  add_program("slow", 1);
  add_program("flappy", 2);
  add_program("later", 0);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  process(s, "flappy").on_exit(ExitStatus::exited(1));
  process(s, "later").on_exit(ExitStatus::exited(1));
  ASSERT_EQ(process(s, "flappy").state(), ProcessState::kBackoff);
  ASSERT_EQ(process(s, "later").state(), ProcessState::kBackoff);
  s.shutdown();
  EXPECT_EQ(process(s, "flappy").state(), ProcessState::kFatal) << "its group goes first: given up at once";
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for slow to die"), 1);
  for (const std::string& line : lines) EXPECT_EQ(line.find("waiting for later"), std::string::npos) << line;
  process(s, "slow").on_exit(ExitStatus::killed(SIGTERM));
  tick();
  EXPECT_EQ(process(s, "later").state(), ProcessState::kFatal);
}

TEST_F(SupervisorTest, AddAndRemoveGroups) {
  add_program("web", 1);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  EXPECT_FALSE(s.add_group(s.group_configs()[0]));
  s.start_autostart();
  EXPECT_EQ(s.remove_group("web"), Supervisor::RemoveResult::kStillRunning);
  EXPECT_EQ(s.remove_group("nope"), Supervisor::RemoveResult::kNoSuchGroup);
  process(s, "web").stop();
  process(s, "web").on_exit(ExitStatus::killed(SIGTERM));
  EXPECT_EQ(s.remove_group("web"), Supervisor::RemoveResult::kRemoved);
  EXPECT_EQ(s.find_group("web"), nullptr);
  EXPECT_TRUE(s.add_group(s.group_configs()[0]));
  EXPECT_NE(s.find_group("web"), nullptr);
}

TEST_F(SupervisorTest, EqualPrioritiesKeepTheOrderGroupsWereAdded) {
  add_program("b", 999, false);
  add_program("c", 999, false);
  add_program("a", 5, false);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  auto names = [](const std::vector<ProcessGroup*>& groups) {
    std::vector<std::string> out;
    for (const ProcessGroup* g : groups) out.push_back(g->name());
    return out;
  };
  EXPECT_EQ(names(s.groups()), (std::vector<std::string>{"a", "b", "c"}));
  // Removed and added again (supervisorctl remove/add): b now comes after c,
  // as in supervisor, whose groups live in a dict in insertion order.
  ASSERT_EQ(s.remove_group("b"), Supervisor::RemoveResult::kRemoved);
  ASSERT_TRUE(s.add_group(s.group_configs()[0]));
  EXPECT_EQ(names(s.groups()), (std::vector<std::string>{"a", "c", "b"}));
  EXPECT_EQ(names(s.groups_as_added()), (std::vector<std::string>{"c", "a", "b"}));
}

TEST_F(SupervisorTest, TheSupervisorOwnsTheGroupConfigurations) {
  add_program("a", 1);
  add_program("b", 2);
  Supervisor s(loop, logger, config, launcher);
  // One owner, in tests as in the daemon: the config keeps none.
  EXPECT_TRUE(config.groups.empty());
  EXPECT_TRUE(s.config().groups.empty());
  ASSERT_EQ(s.group_configs().size(), 2u);
  EXPECT_EQ(s.group_configs()[0]->name, "a");
  EXPECT_EQ(s.group_configs()[1]->name, "b");
}

TEST_F(SupervisorTest, AChildsOutputReachesTheEventHub) {
  add_program("p", 1);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  std::vector<std::string> payloads;
  GroupConfig listener;
  listener.name = "l";
  listener.kind = GroupConfig::Kind::kEventListenerPool;
  ProcessConfig lp;
  lp.name = "l";
  lp.command = "/bin/true";
  lp.event_listener = true;
  lp.autostart = false;
  listener.processes.push_back(lp);
  ASSERT_TRUE(s.add_group(std::make_shared<const GroupConfig>(listener)));
  ASSERT_NE(s.find_pool("l"), nullptr);
  // What the spawner was handed for p is the supervisor's hub.
  s.start_autostart();
  ASSERT_EQ(launcher.sinks.size(), 1u);
  int id = s.events().subscribe({EventType::kProcessLogStdout}, [&](const Event& e) { payloads.push_back(e.payload); });
  launcher.sinks[0]->process_output(process(s, "p"), "stdout", "hello\n");
  s.events().unsubscribe(id);
  ASSERT_EQ(payloads.size(), 1u);
  EXPECT_NE(payloads[0].find("processname:p groupname:p"), std::string::npos) << payloads[0];
  EXPECT_NE(payloads[0].find("\nhello\n"), std::string::npos) << payloads[0];
}

}  // namespace
}  // namespace sn

namespace sn {
namespace {

GroupConfig three_member_group(const std::string& b_command) {
  GroupConfig g;
  g.name = "pool";
  g.kind = GroupConfig::Kind::kHeterogeneous;
  for (std::string name : {"a", "b", "c"}) {
    ProcessConfig p;
    p.name = name;
    p.command = name == "b" ? b_command : "/bin/cat";
    p.startsecs = 0;
    g.processes.push_back(p);
  }
  return g;
}

TEST_F(SupervisorTest, AnUpdateInPlaceKeepsTheUnchangedMembersAndTheirPids) {
  config.groups.push_back(three_member_group("/bin/cat"));
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  ProcessGroup* g = s.find_group("pool");
  Process* a = g->find("a");
  Process* c = g->find("c");
  pid_t pid_a = a->pid(), pid_b = g->find("b")->pid(), pid_c = c->pid();

  GroupConfig next = three_member_group("/bin/sleep 100");
  ProcessConfig d = next.processes[0];
  d.name = "d";
  next.processes.push_back(d);
  next.processes.erase(next.processes.begin() + 2);  // c goes
  auto shared = std::make_shared<const GroupConfig>(next);
  ASSERT_TRUE(s.update_group(shared));
  EXPECT_TRUE(s.updating("pool"));
  EXPECT_FALSE(s.update_group(shared)) << "one update at a time";
  ASSERT_EQ(launcher.signals.size(), 2u) << "b (changed) and c (removed) are stopped";
  EXPECT_EQ(launcher.signals[0].pid, pid_b);
  EXPECT_EQ(launcher.signals[1].pid, pid_c);
  g->find("b")->on_exit(ExitStatus::killed(SIGTERM));
  tick();
  EXPECT_TRUE(s.updating("pool")) << "c still runs";
  c->on_exit(ExitStatus::killed(SIGTERM));
  tick();
  EXPECT_FALSE(s.updating("pool"));
  ASSERT_EQ(g->processes().size(), 3u);
  EXPECT_EQ(g->find("a"), a) << "the same process";
  EXPECT_EQ(a->pid(), pid_a);
  EXPECT_EQ(g->find("c"), nullptr);
  EXPECT_EQ(g->find("b")->config().command, "/bin/sleep 100");
  EXPECT_NE(g->find("b")->pid(), 0);
  EXPECT_NE(g->find("b")->pid(), pid_b);
  EXPECT_EQ(g->find("d")->state(), ProcessState::kRunning);
  EXPECT_EQ(&g->config(), shared.get());
  EXPECT_EQ(&a->config(), &shared->processes[0]) << "rebound to the new configuration";
  EXPECT_EQ(std::count(lines.begin(), lines.end(),
                       "INFO updated pool in place: 2 of its processes replaced (update_restarts=changed)"),
            1);
}

TEST_F(SupervisorTest, AChangeOfTheGroupItselfIsNoUpdateInPlace) {
  config.groups.push_back(three_member_group("/bin/cat"));
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  GroupConfig next = three_member_group("/bin/cat");
  next.priority = 5;
  EXPECT_FALSE(s.update_group(std::make_shared<const GroupConfig>(next)));
  GroupConfig other = three_member_group("/bin/cat");
  other.name = "nope";
  EXPECT_FALSE(s.update_group(std::make_shared<const GroupConfig>(other)));
}

TEST_F(SupervisorTest, FatalActionShutsDownWithItsStatusOnce) {
  add_program("other", 1);
  add_program("key", 2);
  config.groups[1].processes[0].startretries = 0;
  config.groups[1].processes[0].fatal_action = {FailureAction::Kind::kExit, 3};
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  std::vector<int> asked;
  s.set_on_failure_action([&](int status) {
    asked.push_back(status);
    s.shutdown();
  });
  process(s, "key").on_exit(ExitStatus::exited(1));
  EXPECT_EQ(process(s, "key").state(), ProcessState::kFatal);
  EXPECT_TRUE(asked.empty()) << "outside the transition";
  tick();
  EXPECT_EQ(asked, std::vector<int>{3});
  EXPECT_EQ(std::count(lines.begin(), lines.end(),
                       "CRIT key entered FATAL state (fatal_action=exit:3): stopping every process, then supervisord "
                       "exits with status 3"),
            1);
  EXPECT_EQ(s.state(), SupervisorState::kShutdown);
}

TEST_F(SupervisorTest, ExitActionOnlyWhenTheExitIsNotRestarted) {
  add_program("job", 1);
  ProcessConfig& p = config.groups[0].processes[0];
  p.startsecs = 0;
  p.exit_action = {FailureAction::Kind::kShutdown, 0};
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  std::vector<int> asked;
  s.set_on_failure_action([&](int status) { asked.push_back(status); });
  process(s, "job").on_exit(ExitStatus::exited(1));  // unexpected: restarted
  tick();
  EXPECT_TRUE(asked.empty());
  EXPECT_EQ(process(s, "job").state(), ProcessState::kRunning);
  process(s, "job").on_exit(ExitStatus::exited(0));  // expected: stays EXITED
  tick();
  EXPECT_EQ(asked, std::vector<int>{0});
}

TEST_F(SupervisorTest, NoFailureActionForAStopOrWithoutTheKey) {
  add_program("job", 1);
  add_program("plain", 2);
  config.groups[0].processes[0].exit_action = {FailureAction::Kind::kExit, 4};
  config.groups[1].processes[0].startretries = 0;
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  int asked = 0;
  s.set_on_failure_action([&](int) { ++asked; });
  process(s, "plain").on_exit(ExitStatus::exited(1));
  process(s, "job").stop();
  process(s, "job").on_exit(ExitStatus::killed(SIGTERM));
  tick();
  EXPECT_EQ(asked, 0);
}

TEST_F(SupervisorTest, AStatefileDecidesTheAutostart) {
  add_program("stopped_by_hand", 1);
  add_program("started_by_hand", 2, false);
  add_program("untouched", 3);
  config.statefile = dir.path() + "/state";
  {
    Supervisor s(loop, logger, config, launcher);
    s.create_groups();
    s.remember_operator(process(s, "stopped_by_hand"), OperatorStateFile::Intent::kStopped);
    s.remember_operator(process(s, "started_by_hand"), OperatorStateFile::Intent::kStarted);
  }
  add_program("stopped_by_hand", 1);
  add_program("started_by_hand", 2, false);
  add_program("untouched", 3);
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  s.start_autostart();
  EXPECT_EQ(process(s, "stopped_by_hand").state(), ProcessState::kStopped);
  EXPECT_NE(process(s, "started_by_hand").pid(), 0);
  EXPECT_NE(process(s, "untouched").pid(), 0);
}

}  // namespace
}  // namespace sn
