#include "supervisor-deploy/deploy_runner.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(DeployRunner, ReportTable) {
  std::vector<HostReport> reports = {
      {"127.0.0.2:22", "group_1", {HostOutcome::Kind::kInstalled, ""}, 1.25},
      {"127.0.0.3:2201", "g2", {HostOutcome::Kind::kFailed, "connection timed out"}, 30},
      {"h:22", "g2", {HostOutcome::Kind::kUnchanged, "this install already runs"}, 0.5},
  };
  EXPECT_EQ(format_report_table(reports),
            "HOST            GROUP    RESULT     TIME     ERROR\n"
            "127.0.0.2:22    group_1  installed  1.2s     \n"
            "127.0.0.3:2201  g2       FAILED     30.0s    connection timed out\n"
            "h:22            g2       unchanged  0.5s     \n");
}

}  // namespace
}  // namespace sn
