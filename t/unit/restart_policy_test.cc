#include "lib/config/restart_policy.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"
#include "lib/config/value_parsers.h"

namespace sn {
namespace {

TEST(RestartPolicy, BackoffCurves) {
  EXPECT_EQ(parse_backoff_curve("linear"), BackoffCurve::kLinear);
  EXPECT_EQ(parse_backoff_curve(" Exponential "), BackoffCurve::kExponential);
  try {
    parse_backoff_curve("fibonacci");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "expected linear or exponential, got 'fibonacci'");
  }
}

TEST(RestartPolicy, FailureActions) {
  EXPECT_EQ(parse_failure_action("none"), FailureAction{});
  EXPECT_EQ(parse_failure_action("shutdown"), (FailureAction{FailureAction::Kind::kShutdown, 0}));
  EXPECT_EQ(parse_failure_action("exit:3"), (FailureAction{FailureAction::Kind::kExit, 3}));
  EXPECT_EQ(parse_failure_action("EXIT:255").status, 255);
  EXPECT_EQ(parse_failure_action("exit:0").text(), "exit:0");
  EXPECT_EQ(parse_failure_action("shutdown").text(), "shutdown");
  EXPECT_FALSE(parse_failure_action("none").active());
  for (const char* bad : {"exit:", "exit:256", "exit:-1", "exit:x", "kill", ""}) {
    try {
      parse_failure_action(bad);
      FAIL() << bad;
    } catch (const ValueError& e) {
      EXPECT_NE(std::string(e.what()).find("expected none, shutdown or exit:N"), std::string::npos) << bad;
    }
  }
}

TEST(RestartPolicy, StartRetriesTakeInfinite) {
  EXPECT_EQ(parse_start_retries("3"), 3);
  EXPECT_EQ(parse_start_retries("infinite"), kInfiniteRetries);
  EXPECT_EQ(parse_start_retries("INFINITE"), kInfiniteRetries);
  EXPECT_THROW(parse_start_retries("forever"), ValueError);
}

using test::ConfigTest;

TEST_F(ConfigTest, RestartPolicyKeysAreReadAndDefaultToSupervisors) {
  ProcessConfig plain = only_process(load(program("")));
  EXPECT_EQ(plain.backoff, BackoffPolicy{});
  EXPECT_EQ(plain.startretries, 3);
  EXPECT_EQ(plain.fatal_retry_after, 0);
  EXPECT_FALSE(plain.fatal_action.active());
  EXPECT_FALSE(plain.exit_action.active());
  ProcessConfig p = only_process(
      load(program("startretries=infinite\nstartretries_window=60\nbackoff=exponential\nbackoff_max=30\n"
                   "backoff_jitter=10\nfatal_retry_after=300\nfatal_action=exit:3\nexit_action=shutdown\n")));
  EXPECT_EQ(p.startretries, kInfiniteRetries);
  EXPECT_EQ(p.backoff.window_secs, 60);
  EXPECT_EQ(p.backoff.curve, BackoffCurve::kExponential);
  EXPECT_EQ(p.backoff.max_delay_secs, 30);
  EXPECT_EQ(p.backoff.jitter_percent, 10);
  EXPECT_EQ(p.fatal_retry_after, 300);
  EXPECT_EQ(p.fatal_action, (FailureAction{FailureAction::Kind::kExit, 3}));
  EXPECT_EQ(p.exit_action.kind, FailureAction::Kind::kShutdown);
}

TEST_F(ConfigTest, BadRestartPolicyValuesNameTheFileLineAndOption) {
  EXPECT_EQ(error(program("backoff=fibonacci\n")),
            conf_path() + ":4: [program:web] backoff: expected linear or exponential, got 'fibonacci'");
  EXPECT_NE(error(program("backoff_jitter=150\n")).find("backoff_jitter: expected a percentage from 0 to 100"),
            std::string::npos);
  EXPECT_NE(error(program("backoff_max=-1\n")).find("backoff_max: expected a number from 0 up"), std::string::npos);
  EXPECT_NE(error(program("fatal_action=exit:300\n")).find("fatal_action: expected none, shutdown or exit:N"),
            std::string::npos);
  EXPECT_NE(error(program("exit_action=reboot\n")).find("exit_action: expected none, shutdown or exit:N"),
            std::string::npos);
  EXPECT_NE(error(program("startretries=forever\n")).find("startretries"), std::string::npos);
  EXPECT_NE(error(program("fatal_retry_after=-5\n")).find("fatal_retry_after: expected a number from 0 up"),
            std::string::npos);
}

TEST_F(ConfigTest, StatefileAndUpdateRestarts) {
  SupervisordConfig plain = load(program(""));
  EXPECT_EQ(plain.statefile, "");
  EXPECT_EQ(plain.update_restarts, SupervisordConfig::UpdateRestarts::kGroup);
  SupervisordConfig c = load("[supervisord]\nstatefile=/tmp/x.state\nupdate_restarts=changed\n");
  EXPECT_EQ(c.statefile, "/tmp/x.state");
  EXPECT_EQ(c.update_restarts, SupervisordConfig::UpdateRestarts::kChanged);
  EXPECT_NE(error("[supervisord]\nupdate_restarts=some\n").find("update_restarts: expected group or changed"),
            std::string::npos);
  EXPECT_NE(error("[supervisord]\nstatefile=/no/such/dir/state\n").find("statefile"), std::string::npos);
}

}  // namespace
}  // namespace sn
