#include "lib/config/restart_policy.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sn
