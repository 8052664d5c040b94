#include "supervisord/descriptor_budget.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

std::vector<GroupConfig> programs(size_t n, bool redirect = false) {
  GroupConfig g;
  g.name = "many";
  for (size_t i = 0; i < n; ++i) {
    ProcessConfig p;
    p.name = "p" + std::to_string(i);
    p.redirect_stderr = redirect;
    if (redirect) p.stderr_channel.logfile.kind = LogTarget::Kind::kNone;
    g.processes.push_back(p);
  }
  return {g};
}

TEST(DescriptorBudget, CountsWhatEachRunningProcessHolds) {
  ProcessConfig p;  // AUTO logs, stderr apart
  EXPECT_EQ(descriptors_of(p), 6u);
  p.redirect_stderr = true;
  EXPECT_EQ(descriptors_of(p), 4u);
  p.stdout_channel.logfile.kind = LogTarget::Kind::kNone;
  EXPECT_EQ(descriptors_of(p), 3u);
  p.ready.kind = ReadyCheck::Kind::kNotify;
  EXPECT_EQ(descriptors_of(p), 5u);
  p.health.probe.kind = Probe::Kind::kTcp;
  EXPECT_EQ(descriptors_of(p), 7u);
  DescriptorNeeds n = descriptors_needed(programs(5000), 2);
  EXPECT_EQ(n.processes, 5000u);
  EXPECT_EQ(n.for_processes, 30000u);
  EXPECT_EQ(n.for_daemon, kDaemonDescriptors + 2 * kDescriptorsPerListener);
}

TEST(DescriptorBudget, RaisesTheSoftLimitUpToTheHardOne) {
  DescriptorNeeds n = descriptors_needed(programs(1000), 1);
  rlim_t soft = 0;
  DescriptorFit fit = plan_descriptor_limit(n, 1024, 524288, &soft);
  EXPECT_EQ(soft, n.total());
  ASSERT_EQ(fit.infos.size(), 1u);
  EXPECT_EQ(fit.infos[0], "Increased RLIMIT_NOFILE limit to " + std::to_string(n.total()) + " for 1000 processes");
  EXPECT_TRUE(fit.warnings.empty());
  // Enough already: nothing changes, nothing is said.
  fit = plan_descriptor_limit(n, 65536, 65536, &soft);
  EXPECT_EQ(soft, 65536u);
  EXPECT_TRUE(fit.infos.empty() && fit.warnings.empty());
}

TEST(DescriptorBudget, SaysHowManyFitWhenEvenTheHardLimitIsTooLow) {
  // The case seen in the field: 5000 programs under nofile 20000.
  DescriptorNeeds n = descriptors_needed(programs(5000), 1);
  rlim_t soft = 0;
  DescriptorFit fit = plan_descriptor_limit(n, 20000, 20000, &soft);
  EXPECT_EQ(soft, 20000u);
  ASSERT_EQ(fit.warnings.size(), 1u);
  const std::string& w = fit.warnings[0];
  EXPECT_NE(w.find("The configuration's 5000 processes need about 30128 file descriptors"), std::string::npos) << w;
  EXPECT_NE(w.find("RLIMIT_NOFILE allows 20000 (its hard limit): only about 3312 of them can run at once"),
            std::string::npos)
      << w;
  EXPECT_NE(w.find("LimitNOFILE="), std::string::npos);
}

}  // namespace
}  // namespace sn
