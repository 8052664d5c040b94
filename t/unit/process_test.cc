#include "supervisord/process/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdlib>

#include "fake_process_host.h"

namespace sn {
namespace {

using test::FakeProcessHost;
using S = ProcessState;

ProcessConfig config(const std::string& name = "web") {
  ProcessConfig c;
  c.name = name;
  c.program_name = name;
  c.command = "/bin/true";
  return c;
}

class ProcessTest : public ::testing::Test {
 protected:
  FakeProcessHost host;
};

TEST_F(ProcessTest, StartsAndBecomesRunningAfterStartsecs) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.start_if_autostart();
  EXPECT_EQ(p.state(), S::kStarting);
  EXPECT_EQ(p.pid(), 100);
  EXPECT_GT(p.start_time(), 0);
  host.advance(0.999);
  EXPECT_EQ(p.state(), S::kStarting);
  host.advance(0.002);
  EXPECT_EQ(p.state(), S::kRunning);
  EXPECT_EQ(host.info_lines(),
            (std::vector<std::string>{
                "INFO spawned: 'web' with pid 100",
                "INFO success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)"}));
}

TEST_F(ProcessTest, StartsecsZeroIsRunningAtOnce) {
  ProcessConfig c = config();
  c.startsecs = 0;
  Process p(c, "web", host);
  p.spawn();
  // No loop turn needed: startProcess answers true at once, as supervisor does.
  EXPECT_EQ(p.state(), S::kRunning);
  EXPECT_EQ(host.transitions, (std::vector<std::pair<S, S>>{{S::kStopped, S::kStarting}, {S::kStarting, S::kRunning}}));
}

TEST_F(ProcessTest, AutostartOnlyOnceAndOnlyWhenEnabled) {
  ProcessConfig c = config();
  c.autostart = false;
  Process off(c, "web", host);
  off.start_if_autostart();
  EXPECT_EQ(off.state(), S::kStopped);

  ProcessConfig c2 = config("b");
  Process on(c2, "b", host);
  on.start_if_autostart();
  on.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(on.state(), S::kBackoff);
  on.stop();
  EXPECT_EQ(on.state(), S::kStopped);
  on.start_if_autostart();
  EXPECT_EQ(on.state(), S::kStopped) << "autostart applies to a process that never ran";
}

TEST_F(ProcessTest, QuickExitsBackOffOneTwoThreeSecondsThenFatal) {
  ProcessConfig c = config();
  c.startretries = 3;
  Process p(c, "web", host);
  p.spawn();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    p.on_exit(ExitStatus::exited(1));
    EXPECT_EQ(p.state(), S::kBackoff);
    EXPECT_EQ(p.backoff_count(), attempt);
    EXPECT_EQ(p.spawn_error(), "Exited too quickly (process log may have details)");
    EXPECT_EQ(p.pid(), 0);
    host.advance(attempt - 0.01);
    EXPECT_EQ(p.state(), S::kBackoff) << "attempt " << attempt;
    host.advance(0.02);
    EXPECT_EQ(p.state(), S::kStarting) << "attempt " << attempt;
  }
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kFatal);
  EXPECT_EQ(host.launcher.spawns, 4) << "startretries + 1 attempts";
  std::vector<std::string> lines = host.info_lines();
  EXPECT_EQ(lines[lines.size() - 2], "WARN exited: web (exit status 1; not expected)");
  EXPECT_EQ(lines.back(), "INFO gave up: web entered FATAL state, too many start retries too quickly");
}

TEST_F(ProcessTest, ZeroRetriesMeansOneAttempt) {
  ProcessConfig c = config();
  c.startretries = 0;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(p.state(), S::kFatal);
}

TEST_F(ProcessTest, SpawnErrorsFollowTheBackoffPath) {
  ProcessConfig c = config();
  c.startretries = 1;
  host.launcher.next_error = "can't find command '/nope'";
  Process p(c, "web", host);
  p.spawn();
  EXPECT_EQ(p.state(), S::kBackoff);
  EXPECT_EQ(p.spawn_error(), "can't find command '/nope'");
  host.advance(1.01);
  EXPECT_EQ(p.state(), S::kFatal);
  EXPECT_EQ(host.transitions, (std::vector<std::pair<S, S>>{{S::kStopped, S::kStarting},
                                                            {S::kStarting, S::kBackoff},
                                                            {S::kBackoff, S::kStarting},
                                                            {S::kStarting, S::kBackoff},
                                                            {S::kBackoff, S::kFatal}}));
  EXPECT_EQ(host.info_lines()[0], "INFO spawnerr: can't find command '/nope'");
}

TEST_F(ProcessTest, ExpectedExitFromRunningIsExitedWithoutRestart) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_TRUE(host.last_expected);
  EXPECT_EQ(p.exit_status(), 0);
  EXPECT_EQ(p.spawn_error(), "");
  EXPECT_GT(p.stop_time(), p.start_time());
  EXPECT_EQ(host.info_lines().back(), "INFO exited: web (exit status 0; expected)");
  EXPECT_EQ(host.launcher.spawns, 1);
}

TEST_F(ProcessTest, UnexpectedExitRestartsAtOnce) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::exited(3));
  EXPECT_EQ(p.state(), S::kStarting);
  EXPECT_EQ(p.pid(), 101);
  EXPECT_EQ(host.launcher.spawns, 2);
  ASSERT_EQ(host.transitions.size(), 4u);
  EXPECT_EQ(host.transitions[2], (std::pair<S, S>{S::kRunning, S::kExited}));
  EXPECT_FALSE(host.expected_flags[2]);
  EXPECT_EQ(host.transitions[3], (std::pair<S, S>{S::kExited, S::kStarting}));
  EXPECT_EQ(p.backoff_count(), 0);
}

TEST_F(ProcessTest, SignalDeathIsNeverExpected) {
  ProcessConfig c = config();
  c.autorestart = AutoRestart::kNever;
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::killed(SIGSEGV, true));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_EQ(p.exit_status(), -1);
  EXPECT_EQ(p.spawn_error(), "Bad exit code -1");
  EXPECT_EQ(host.info_lines().back(), "WARN exited: web (terminated by SIGSEGV (core dumped); not expected)");
}

TEST_F(ProcessTest, AutorestartTrueRestartsExpectedExits) {
  ProcessConfig c = config();
  c.autorestart = AutoRestart::kAlways;
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(p.state(), S::kStarting);
}

TEST_F(ProcessTest, AutorestartFalseNeverRestarts) {
  ProcessConfig c = config();
  c.autorestart = AutoRestart::kNever;
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::exited(9));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_EQ(host.launcher.spawns, 1);
}

TEST_F(ProcessTest, CustomExitcodes) {
  ProcessConfig c = config();
  c.exitcodes = {0, 2};
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.on_exit(ExitStatus::exited(2));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_TRUE(host.last_expected);
}

TEST_F(ProcessTest, StartsecsZeroExitGoesThroughRunningToExited) {
  ProcessConfig c = config();
  c.startsecs = 0;
  c.autorestart = AutoRestart::kNever;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(5));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_EQ(host.transitions.back(), (std::pair<S, S>{S::kRunning, S::kExited}));
}

TEST_F(ProcessTest, StopSendsStopsignalThenStopped) {
  ProcessConfig c = config();
  c.stopsignal = SIGINT;
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  EXPECT_EQ(p.stop(), "");
  EXPECT_EQ(p.state(), S::kStopping);
  ASSERT_EQ(host.launcher.signals.size(), 1u);
  EXPECT_EQ(host.launcher.signals[0].sig, SIGINT);
  EXPECT_EQ(host.launcher.signals[0].scope, SignalScope::kProcess);
  p.on_exit(ExitStatus::killed(SIGINT));
  EXPECT_EQ(p.state(), S::kStopped);
  EXPECT_EQ(host.info_lines().back(), "WARN stopped: web (terminated by SIGINT)");
  EXPECT_EQ(host.launcher.spawns, 1);
}

TEST_F(ProcessTest, ExpectedStopIsLoggedAsInfo) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.stop();
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(host.info_lines().back(), "INFO stopped: web (exit status 0)");
}

TEST_F(ProcessTest, StubbornProcessGetsSigkillAfterStopwaitsecsRepeatedly) {
  ProcessConfig c = config();
  c.stopwaitsecs = 5;
  c.killasgroup = true;
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  p.stop();
  host.advance(4.9);
  EXPECT_EQ(host.launcher.signals.size(), 1u);
  host.advance(0.2);
  ASSERT_EQ(host.launcher.signals.size(), 2u);
  EXPECT_EQ(host.launcher.signals[1].sig, SIGKILL);
  EXPECT_EQ(host.launcher.signals[1].scope, SignalScope::kProcessGroup);
  EXPECT_EQ(host.info_lines().back(), "WARN killing 'web' (100) with SIGKILL");
  host.advance(5.1);
  EXPECT_EQ(host.launcher.signals.size(), 3u);
  p.on_exit(ExitStatus::killed(SIGKILL));
  EXPECT_EQ(p.state(), S::kStopped);
  host.advance(100);
  EXPECT_EQ(host.launcher.signals.size(), 3u);
}

TEST_F(ProcessTest, StopasgroupSignalsTheGroup) {
  ProcessConfig c = config();
  c.stopasgroup = c.killasgroup = true;
  Process p(c, "web", host);
  p.spawn();
  p.stop();
  EXPECT_EQ(host.launcher.signals.at(0).scope, SignalScope::kProcessGroup);
}

TEST_F(ProcessTest, StopWhileStartingWorks) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  p.stop();
  host.advance(5);
  EXPECT_EQ(p.state(), S::kStopping) << "no RUNNING while stopping";
  p.on_exit(ExitStatus::killed(SIGTERM));
  EXPECT_EQ(p.state(), S::kStopped);
}

TEST_F(ProcessTest, StopInBackoffCancelsRetries) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  ASSERT_EQ(p.state(), S::kBackoff);
  EXPECT_EQ(p.stop(), "");
  EXPECT_EQ(p.state(), S::kStopped);
  host.advance(10);
  EXPECT_EQ(p.state(), S::kStopped);
  EXPECT_EQ(host.launcher.spawns, 1);
}

TEST_F(ProcessTest, StopWhenNotRunningReportsIt) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  EXPECT_EQ(p.stop(), "attempted to kill web with sig SIGTERM but it wasn't running");
}

TEST_F(ProcessTest, SignalGoesToThePidOnly) {
  ProcessConfig c = config();
  c.stopasgroup = c.killasgroup = true;
  Process p(c, "web", host);
  EXPECT_EQ(p.send_signal(SIGHUP), "attempted to send web sig SIGHUP but it wasn't running");
  p.spawn();
  EXPECT_EQ(p.send_signal(SIGHUP), "");
  EXPECT_EQ(host.launcher.signals.at(0).sig, SIGHUP);
  EXPECT_EQ(host.launcher.signals.at(0).scope, SignalScope::kProcess);
  EXPECT_EQ(p.state(), S::kStarting);
}

TEST_F(ProcessTest, VanishedChildIsNotAnError) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.launcher.signal_errno = ESRCH;
  EXPECT_EQ(p.stop(), "");
  EXPECT_EQ(p.state(), S::kStopping);
}

TEST_F(ProcessTest, SignalFailureIsUnknown) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.launcher.signal_errno = EPERM;
  EXPECT_NE(p.stop(), "");
  EXPECT_EQ(p.state(), S::kUnknown);
  EXPECT_EQ(host.info_lines().back().substr(0, 34), "CRIT unknown problem killing web (");
}

TEST_F(ProcessTest, NothingStartsWhileTheHostStops) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  host.advance(2);
  host.accepting = false;
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kExited);
  p.start_if_autostart();
  EXPECT_EQ(host.launcher.spawns, 1);
}

TEST_F(ProcessTest, BackoffRetryWaitsWhileTheHostStops) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  host.accepting = false;
  host.advance(5);
  EXPECT_EQ(p.state(), S::kBackoff);
  p.give_up();
  EXPECT_EQ(p.state(), S::kFatal);
}

TEST_F(ProcessTest, BackoffCapLimitsTheDelay) {
  ProcessConfig c = config();
  c.startretries = 10;
  c.backoff.max_delay_secs = 2;
  Process p(c, "web", host);
  p.spawn();
  for (int i = 0; i < 4; ++i) {
    p.on_exit(ExitStatus::exited(1));
    host.advance(2.01);
    EXPECT_EQ(p.state(), S::kStarting) << i;
  }
}

TEST_F(ProcessTest, BackoffJitterStaysWithinItsSpread) {
  ProcessConfig c = config();
  c.startretries = 100;
  c.backoff.jitter_percent = 50;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));  // 1 s +- 0.5 s
  host.advance(0.49);
  EXPECT_EQ(p.state(), S::kBackoff);
  host.advance(1.02);
  EXPECT_EQ(p.state(), S::kStarting);
}

TEST_F(ProcessTest, Namespec) {
  ProcessConfig a = config("web");
  EXPECT_EQ(Process(a, "web", host).namespec(), "web");
  EXPECT_EQ(Process(a, "grp", host).namespec(), "grp:web");
}

TEST_F(ProcessTest, AnAdoptedChildIsRunningAtOnceWithoutAnEvent) {
  ProcessConfig c = config();
  c.exitcodes = {999};
  c.autorestart = AutoRestart::kAlways;
  Process p(c, "web", host);
  host.advance(100);
  double laststart = host.clock().wall_seconds() - 50;
  p.adopt(std::make_unique<test::FakeChild>(4242, &host.launcher.signals, &host.launcher.signal_errno,
                                            &host.launcher.stdin_data),
          laststart);
  EXPECT_EQ(p.state(), S::kRunning);
  EXPECT_EQ(p.pid(), 4242);
  EXPECT_TRUE(p.resumed());
  EXPECT_EQ(p.start_time(), laststart);
  EXPECT_TRUE(host.transitions.empty());
  p.start_if_autostart();  // already running: nothing
  EXPECT_EQ(p.pid(), 4242);
  // Its end comes with no status: unexpected, restarted, no longer resumed.
  p.on_exit(ExitStatus::unknown_of_adopted());
  EXPECT_EQ(host.transitions, (std::vector<std::pair<S, S>>{{S::kRunning, S::kExited}, {S::kExited, S::kStarting}}));
  EXPECT_EQ(host.expected_flags.front(), false);
  EXPECT_FALSE(p.resumed());
  EXPECT_EQ(p.pid(), 100);
}

TEST_F(ProcessTest, AnAdoptedChildsUnknownEndIsNeverExpected) {
  ProcessConfig c = config();  // exitcodes=0, autorestart=unexpected
  Process p(c, "web", host);
  p.adopt(std::make_unique<test::FakeChild>(4242, &host.launcher.signals, &host.launcher.signal_errno,
                                            &host.launcher.stdin_data),
          host.clock().wall_seconds() - 50);
  p.on_exit(ExitStatus::unknown_of_adopted());
  EXPECT_EQ(host.transitions, (std::vector<std::pair<S, S>>{{S::kRunning, S::kExited}, {S::kExited, S::kStarting}}));
  EXPECT_EQ(host.expected_flags.front(), false);
  EXPECT_EQ(p.pid(), 100);
}

TEST_F(ProcessTest, AnAdoptedChildEndingWithinStartsecsOfItsStartBacksOff) {
  ProcessConfig c = config();
  c.startsecs = 10;
  Process p(c, "web", host);
  host.advance(100);
  p.adopt(std::make_unique<test::FakeChild>(4242, &host.launcher.signals, &host.launcher.signal_errno,
                                            &host.launcher.stdin_data),
          host.clock().wall_seconds() - 3);
  p.on_exit(ExitStatus::unknown_of_adopted());
  EXPECT_EQ(host.transitions, (std::vector<std::pair<S, S>>{{S::kRunning, S::kBackoff}}));
  EXPECT_EQ(p.state(), S::kBackoff);
}

TEST_F(ProcessTest, AnAdoptedChildIsStoppedLikeAnyOther) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.adopt(std::make_unique<test::FakeChild>(4242, &host.launcher.signals, &host.launcher.signal_errno,
                                            &host.launcher.stdin_data),
          host.clock().wall_seconds());
  EXPECT_EQ(p.stop(), "");
  EXPECT_EQ(p.state(), S::kStopping);
  ASSERT_EQ(host.launcher.signals.size(), 1u);
  EXPECT_EQ(host.launcher.signals[0].pid, 4242);
  p.on_exit(ExitStatus::unknown_of_adopted());
  EXPECT_EQ(p.state(), S::kStopped);
}

// An end reported for a process that never started would move it from
// STOPPED to EXITED: not in the table.
TEST_F(ProcessTest, AnIllegalStateChangeAbortsWhereTheTestsRun) {
  ProcessConfig c = config();
  Process p(c, "web", host);
  EXPECT_DEATH(p.on_exit(ExitStatus::exited(0)), "");
}

TEST_F(ProcessTest, AnIllegalStateChangeIsLoggedAsCriticalElsewhere) {
  unsetenv("SN_STRICT_TRANSITIONS");
  ProcessConfig c = config();
  Process p(c, "web", host);
  p.on_exit(ExitStatus::exited(0));
  setenv("SN_STRICT_TRANSITIONS", "1", 1);
  bool said = false;
  for (const std::string& l : host.log_lines) said = said || l == "CRIT illegal state change of web: STOPPED -> EXITED";
  EXPECT_TRUE(said);
}

// ready=: RUNNING when the child says so, however long that takes.
TEST_F(ProcessTest, WithReadyItIsRunningWhenReadyNotAfterStartsecs) {
  ProcessConfig c = config();
  c.ready.kind = ReadyCheck::Kind::kNotify;
  Process p(c, "web", host);
  p.spawn();
  host.advance(5);
  EXPECT_EQ(p.state(), S::kStarting);  // startsecs (1) is not the rule
  p.on_ready();
  EXPECT_EQ(p.state(), S::kRunning);
  EXPECT_EQ(host.info_lines().back(), "INFO success: web entered RUNNING state, process is ready (ready=notify)");
  p.on_ready();  // a second READY=1 changes nothing
  EXPECT_EQ(p.state(), S::kRunning);
}

TEST_F(ProcessTest, NotReadyInTimeIsStoppedThenAFailedStart) {
  ProcessConfig c = config();
  c.ready.kind = ReadyCheck::Kind::kFd;
  c.ready.fd = 3;
  c.ready_timeout = 10;
  c.stopwaitsecs = 2;
  c.startretries = 1;
  Process p(c, "web", host);
  p.spawn();
  host.advance(9.9);
  EXPECT_TRUE(host.launcher.signals.empty());
  host.advance(0.2);
  ASSERT_EQ(host.launcher.signals.size(), 1u);
  EXPECT_EQ(host.launcher.signals[0].sig, SIGTERM);
  EXPECT_EQ(p.state(), S::kStarting);  // still starting until it ends
  p.on_ready();                        // too late: ignored
  EXPECT_EQ(p.state(), S::kStarting);
  host.advance(2.1);
  ASSERT_EQ(host.launcher.signals.size(), 2u);
  EXPECT_EQ(host.launcher.signals[1].sig, SIGKILL);
  p.on_exit(ExitStatus::killed(SIGKILL));
  EXPECT_EQ(p.state(), S::kBackoff);
  EXPECT_EQ(p.spawn_error(), "Not ready within 10 seconds (ready_timeout)");
  host.advance(1.01);
  EXPECT_EQ(p.state(), S::kStarting);  // the retry, as after any failed start
}

TEST_F(ProcessTest, WithReadyAnEndBeforeReadyIsAFailedStartAndAfterIsAnExit) {
  ProcessConfig c = config();
  c.ready.kind = ReadyCheck::Kind::kNotify;
  Process p(c, "web", host);
  p.spawn();
  host.advance(30);  // long past startsecs
  p.on_exit(ExitStatus::exited(0));
  EXPECT_EQ(p.state(), S::kBackoff);
  host.advance(1.01);
  p.on_ready();
  host.advance(0.1);
  p.on_exit(ExitStatus::exited(0));  // soon after, but it was ready
  EXPECT_EQ(p.state(), S::kExited);
}

// The host holds a start back: the process waits, then spawns when told.
TEST_F(ProcessTest, AHeldStartWaitsWithoutSpawning) {
  struct HoldingHost : FakeProcessHost {
    bool hold_start(Process&, StartCause cause) override {
      causes.push_back(cause);
      return holding;
    }
    bool holding = true;
    std::vector<StartCause> causes;
  } holding_host;
  ProcessConfig c = config();
  Process p(c, "web", holding_host);
  p.start_if_autostart();
  EXPECT_TRUE(p.waiting());
  EXPECT_EQ(p.state(), S::kStopped);
  EXPECT_EQ(holding_host.launcher.spawns, 0);
  EXPECT_EQ(holding_host.causes, (std::vector<StartCause>{StartCause::kAutomatic}));
  EXPECT_EQ(p.stop(), "attempted to kill web with sig SIGTERM but it wasn't running");
  EXPECT_FALSE(p.waiting());  // a stop cancels the wait
  holding_host.holding = false;
  p.start(StartCause::kRequested);
  EXPECT_EQ(p.state(), S::kStarting);
  EXPECT_FALSE(p.waiting());
}

}  // namespace
}  // namespace sn

namespace sn {
namespace {

// Seconds from each quick exit to the next spawn, for `failures` quick exits.
std::vector<double> backoff_gaps(test::FakeProcessHost& host, Process& p, int failures) {
  std::vector<double> gaps;
  p.spawn();
  for (int i = 0; i < failures && p.state() == ProcessState::kStarting; ++i) {
    p.on_exit(ExitStatus::exited(1));
    if (p.state() != ProcessState::kBackoff) break;
    double waited = 0;
    while (p.state() == ProcessState::kBackoff) {
      host.advance(0.001);
      waited += 0.001;
    }
    gaps.push_back(std::round(waited * 100) / 100);
  }
  return gaps;
}

TEST_F(ProcessTest, ExponentialBackoffDoublesUpToItsCap) {
  ProcessConfig c = config();
  c.startretries = 8;
  c.backoff.curve = BackoffCurve::kExponential;
  c.backoff.max_delay_secs = 10;
  Process p(c, "web", host);
  EXPECT_EQ(backoff_gaps(host, p, 8), (std::vector<double>{1, 2, 4, 8, 10, 10, 10, 10}));
}

TEST_F(ProcessTest, LinearBackoffIsSupervisorsOneTwoThree) {
  ProcessConfig c = config();
  c.startretries = 5;
  Process p(c, "web", host);
  EXPECT_EQ(backoff_gaps(host, p, 5), (std::vector<double>{1, 2, 3, 4, 5}));
}

TEST_F(ProcessTest, SeededJitterSpreadsEachDelayWithinItsPercent) {
  ProcessConfig c = config();
  c.startretries = 6;
  c.backoff.curve = BackoffCurve::kExponential;
  c.backoff.jitter_percent = 20;
  Process p(c, "web", host);
  std::vector<double> gaps = backoff_gaps(host, p, 6);
  ASSERT_EQ(gaps.size(), 6u);
  double base = 1;
  bool any_moved = false;
  for (double g : gaps) {
    EXPECT_GE(g, base * 0.8 - 0.01);
    EXPECT_LE(g, base * 1.2 + 0.01);
    any_moved = any_moved || std::abs(g - base) > 0.01;
    base *= 2;
  }
  EXPECT_TRUE(any_moved) << "jitter moves the delays";

  test::FakeProcessHost same_seed;
  Process q(c, "web", same_seed);
  EXPECT_EQ(backoff_gaps(same_seed, q, 6), gaps) << "the same seed, the same delays";
}

TEST_F(ProcessTest, InfiniteRetriesNeverGiveUp) {
  ProcessConfig c = config();
  c.startretries = kInfiniteRetries;
  c.backoff.max_delay_secs = 1;
  Process p(c, "web", host);
  p.spawn();
  for (int i = 0; i < 200; ++i) {
    p.on_exit(ExitStatus::exited(1));
    ASSERT_EQ(p.state(), S::kBackoff) << i;
    host.advance(1.01);
    ASSERT_EQ(p.state(), S::kStarting) << i;
  }
  EXPECT_EQ(host.launcher.spawns, 201);
}

TEST_F(ProcessTest, RetryWindowCountsOnlyRecentFailures) {
  ProcessConfig c = config();
  c.startretries = 2;
  c.backoff.window_secs = 3;
  Process p(c, "web", host);
  // Delays 1, 2, 3, 4: failures at 0, 1, 3, 6, 10. Within any 3 s there are
  // at most two, so it never gives up.
  EXPECT_EQ(backoff_gaps(host, p, 5), (std::vector<double>{1, 2, 3, 4, 5}));
  EXPECT_EQ(p.state(), S::kStarting);
  EXPECT_LE(p.counted_failures(), 2);

  ProcessConfig d = config("db");
  d.startretries = 2;
  d.backoff.window_secs = 10;
  Process q(d, "db", host);
  EXPECT_EQ(backoff_gaps(host, q, 5), (std::vector<double>{1, 2})) << "three within 10 s: FATAL";
  EXPECT_EQ(q.state(), S::kFatal);
}

TEST_F(ProcessTest, WithAWindowASuccessStillResetsTheCount) {
  ProcessConfig c = config();
  c.startretries = 1;
  c.backoff.window_secs = 60;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  host.advance(1.01);
  host.advance(1.01);  // RUNNING: the count starts again
  EXPECT_EQ(p.state(), S::kRunning);
  EXPECT_EQ(p.counted_failures(), 0);
  p.on_exit(ExitStatus::exited(1));  // restarted (autorestart=unexpected)
  EXPECT_EQ(p.state(), S::kStarting);
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kBackoff) << "one failure in the window: retried";
}

TEST_F(ProcessTest, FatalRetryAfterStartsAgainAfterTheCoolOff) {
  ProcessConfig c = config();
  c.startretries = 0;
  c.fatal_retry_after = 30;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kFatal);
  host.advance(29.9);
  EXPECT_EQ(p.state(), S::kFatal);
  host.advance(0.2);
  EXPECT_EQ(p.state(), S::kStarting);
  EXPECT_NE(std::find(host.log_lines.begin(), host.log_lines.end(),
                      "INFO retrying: web was FATAL for 30 seconds (fatal_retry_after)"),
            host.log_lines.end());
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kFatal) << "and again after a fresh count";
  host.advance(30.1);
  EXPECT_EQ(p.state(), S::kStarting);
}

TEST_F(ProcessTest, FatalStaysFatalWithoutRetryAfterOrWhileStopping) {
  ProcessConfig c = config();
  c.startretries = 0;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  host.advance(1e6);
  EXPECT_EQ(p.state(), S::kFatal);

  ProcessConfig d = config("db");
  d.startretries = 0;
  d.fatal_retry_after = 5;
  Process q(d, "db", host);
  q.spawn();
  q.on_exit(ExitStatus::exited(1));
  host.accepting = false;
  host.advance(6);
  EXPECT_EQ(q.state(), S::kFatal);
}

TEST_F(ProcessTest, RestartsAfterExitFollowsAutorestart) {
  ProcessConfig c = config();
  c.startsecs = 0;
  c.autorestart = AutoRestart::kNever;
  Process p(c, "web", host);
  p.spawn();
  p.on_exit(ExitStatus::exited(1));
  EXPECT_EQ(p.state(), S::kExited);
  EXPECT_FALSE(p.restarts_after_exit());
  ProcessConfig d = config("db");
  d.startsecs = 0;
  Process q(d, "db", host);
  bool seen = false, restarts = true;
  host.on_state_changed = [&](Process& x, ProcessState, bool) {
    if (x.state() == S::kExited) seen = true, restarts = x.restarts_after_exit();
  };
  q.spawn();
  q.on_exit(ExitStatus::exited(0));
  EXPECT_TRUE(seen);
  EXPECT_FALSE(restarts) << "an expected exit with autorestart=unexpected";
}

}  // namespace
}  // namespace sn
