#include "supervisord/process/start_gate.h"

#include <gtest/gtest.h>

#include "fake_process_host.h"
#include "supervisord/supervisor.h"
#include "test_util.h"

namespace sn {
namespace {

using test::CaptureLogSink;
using test::FakeLauncher;
using S = ProcessState;

// The gate inside a real Supervisor, with fake children on a manual clock.
class StartGateTest : public ::testing::Test {
 protected:
  StartGateTest() : loop(clock), logger(clock) {
    logger.add_sink(std::make_unique<CaptureLogSink>(&lines));
    config.childlogdir = dir.path();
  }
  ProcessConfig& add(const std::string& name, std::vector<std::string> depends_on, int priority = 999) {
    GroupConfig g;
    g.name = name;
    g.priority = priority;
    ProcessConfig p;
    p.name = p.program_name = name;
    p.command = "/bin/true";
    p.priority = priority;
    p.startsecs = 1;
    p.depends_on = std::move(depends_on);
    g.processes.push_back(p);
    config.groups.push_back(g);
    return config.groups.back().processes.back();
  }
  void start() {
    supervisor = std::make_unique<Supervisor>(loop, logger, config, launcher);
    supervisor->create_groups();
    supervisor->start_autostart();
  }
  void tick(double seconds = 0) {
    clock.advance_seconds(seconds);
    loop.timers().run_due(clock.monotonic_ns());
    loop.timers().run_due(clock.monotonic_ns());  // what the first round armed for "now"
  }
  Process& p(const std::string& name) { return *supervisor->find_group(name)->find(name); }

  test::TempDir dir;
  ManualClock clock;
  EventLoop loop;
  Logger logger;
  std::vector<std::string> lines;
  SupervisordConfig config;
  FakeLauncher launcher;
  std::unique_ptr<Supervisor> supervisor;
};

TEST_F(StartGateTest, AChainStartsLinkByLinkAsEachBecomesRunning) {
  add("web", {"app"}, 1);
  add("app", {"db"}, 2);
  add("db", {}, 3);
  start();
  EXPECT_EQ(p("db").state(), S::kStarting);
  EXPECT_TRUE(p("app").waiting());
  EXPECT_EQ(p("app").waiting_for(), "db");
  EXPECT_EQ(p("web").waiting_for(), "app");
  tick(1.01);  // db RUNNING after startsecs; app spawned on the next round
  EXPECT_EQ(p("db").state(), S::kRunning);
  EXPECT_EQ(p("app").state(), S::kStarting);
  EXPECT_EQ(p("web").state(), S::kStopped);
  tick(1.01);
  EXPECT_EQ(p("web").state(), S::kStarting);
  EXPECT_EQ(launcher.spawns, 3);
}

TEST_F(StartGateTest, AFatalDependencyLeavesDependentsWaitingAndBlocked) {
  add("web", {"db"});
  add("db", {}).startretries = 0;
  start();
  p("db").on_exit(ExitStatus::exited(1));  // too quickly, no retries left
  tick();
  EXPECT_EQ(p("db").state(), S::kFatal);
  EXPECT_TRUE(p("web").waiting());
  EXPECT_EQ(p("web").waiting_for(), "db (FATAL)");
  EXPECT_TRUE(supervisor->start_gate().blocked(p("web")));
  tick(60);
  EXPECT_EQ(launcher.spawns, 1);           // the daemon starts nothing more
  p("web").start(StartCause::kRequested);  // an operator: db is tried again
  EXPECT_EQ(p("db").state(), S::kStarting);
  EXPECT_FALSE(supervisor->start_gate().blocked(p("web")));
}

TEST_F(StartGateTest, AnAutomaticStartPullsOnlyWhatNeverRan) {
  add("web", {"db"});
  add("db", {}).autostart = false;
  start();
  EXPECT_EQ(p("db").state(), S::kStarting);  // autostart of web pulls db
  tick(1.01);
  tick();
  EXPECT_EQ(p("web").state(), S::kStarting);
}

TEST_F(StartGateTest, StopStopsDependentsFirstAndTheDependencyWhenTheyAreDown) {
  add("web", {"db"});
  add("db", {});
  start();
  tick(1.01);
  tick(1.01);
  ASSERT_EQ(p("web").state(), S::kRunning);
  EXPECT_EQ(supervisor->stop_process(p("db")), "");
  EXPECT_EQ(p("web").state(), S::kStopping);
  EXPECT_EQ(p("db").state(), S::kRunning);
  EXPECT_TRUE(p("db").stop_pending());
  p("web").on_exit(ExitStatus::killed(SIGTERM));
  tick();
  EXPECT_EQ(p("db").state(), S::kStopping);
}

TEST_F(StartGateTest, AOneShotThatExitedAsExpectedStaysReady) {
  add("migrate", {}).autorestart = AutoRestart::kNever;
  add("web", {"migrate"});
  start();
  tick(1.01);  // migrate RUNNING (the one-shot is up for startsecs)
  p("migrate").on_exit(ExitStatus::exited(0));
  tick();
  tick(1.01);
  // Ready as a RUNNING process, and still ready once it exited as expected.
  EXPECT_EQ(p("web").state(), S::kRunning);
  EXPECT_TRUE(StartGate::is_ready(p("migrate")));
}

TEST_F(StartGateTest, WithoutDependsOnNothingIsHeld) {
  add("a", {});
  add("b", {});
  start();
  EXPECT_FALSE(p("a").waiting());
  EXPECT_EQ(launcher.spawns, 2);
  EXPECT_TRUE(supervisor->start_gate().dependents(p("a")).empty());
}

}  // namespace
}  // namespace sn
