#include "lib/config/child_limits.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"
#include "lib/config/value_parsers.h"

namespace sn {
namespace {

TEST(ChildLimits, OneValueSetsBothAndInfinityIsUnlimited) {
  rlim_t soft = 0, hard = 0;
  parse_resource_limit("4096", &soft, &hard);
  EXPECT_EQ(soft, 4096u);
  EXPECT_EQ(hard, 4096u);
  parse_resource_limit("1024:infinity", &soft, &hard);
  EXPECT_EQ(soft, 1024u);
  EXPECT_EQ(hard, RLIM_INFINITY);
  parse_resource_limit("64KB:1MB", &soft, &hard);
  EXPECT_EQ(soft, 64u * 1024);
  EXPECT_EQ(hard, 1024u * 1024);
  EXPECT_EQ(limit_text(RLIM_INFINITY), "infinity");
  EXPECT_EQ(limit_text(5), "5");
}

TEST(ChildLimits, BadLimitsSayWhatWasExpected) {
  rlim_t soft = 0, hard = 0;
  for (const char* bad : {"", "lots", "-1", "1:2:3", "1:"}) {
    try {
      parse_resource_limit(bad, &soft, &hard);
      FAIL() << bad;
    } catch (const ValueError& e) {
      EXPECT_NE(std::string(e.what()).find("expected SOFT[:HARD]"), std::string::npos) << bad << ": " << e.what();
    }
  }
  try {
    parse_resource_limit("10:5", &soft, &hard);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "the soft limit is above the hard one in '10:5'");
  }
}

TEST(ChildLimits, CpuListsTakeRangesSpacesAndCommas) {
  EXPECT_EQ(parse_cpu_list("0"), std::vector<int>{0});
  EXPECT_EQ(parse_cpu_list("3 1,2-4"), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_THROW(parse_cpu_list(""), ValueError);
  EXPECT_THROW(parse_cpu_list("4-2"), ValueError);
  EXPECT_THROW(parse_cpu_list("x"), ValueError);
  EXPECT_THROW(parse_cpu_list("99999"), ValueError);
}

using test::ConfigTest;

TEST_F(ConfigTest, LimitKeysAreReadPerProcess) {
  ProcessConfig plain = only_process(load(program("")));
  EXPECT_TRUE(plain.limits.empty());
  EXPECT_TRUE(plain.environment_files.empty());
  ProcessConfig p = only_process(load(
      program("rlimit_nofile=4096:8192\nrlimit_core=infinity\nrlimit_nproc=100\nrlimit_as=4GB\nrlimit_memlock=64KB\n"
              "nice=5\noom_score_adj=-100\ncpu_affinity=0\n"
              "environment_file=/etc/%(program_name)s.env, -/etc/optional.env\n")));
  ASSERT_EQ(p.limits.rlimits.size(), 5u);
  EXPECT_EQ(p.limits.rlimits[0], (ResourceLimitSetting{RLIMIT_NOFILE, "rlimit_nofile", 4096, 8192}));
  EXPECT_EQ(p.limits.rlimits[1].hard, RLIM_INFINITY);
  EXPECT_EQ(p.limits.rlimits[3].soft, 4ull << 30);
  EXPECT_EQ(p.limits.nice, 5);
  EXPECT_EQ(p.limits.oom_score_adj, -100);
  EXPECT_EQ(p.limits.cpu_affinity, std::vector<int>{0});
  EXPECT_EQ(p.environment_files,
            (std::vector<EnvironmentFileRef>{{"/etc/web.env", false}, {"/etc/optional.env", true}}));
}

TEST_F(ConfigTest, BadLimitKeysNameTheFileLineAndOption) {
  EXPECT_EQ(error(program("nice=30\n")), conf_path() + ":4: [program:web] nice: expected a number from -20 to 19");
  EXPECT_NE(error(program("oom_score_adj=2000\n")).find("oom_score_adj: expected a number from -1000 to 1000"),
            std::string::npos);
  EXPECT_NE(error(program("rlimit_nofile=many\n")).find("[program:web] rlimit_nofile: expected SOFT[:HARD]"),
            std::string::npos);
  EXPECT_NE(error(program("cpu_affinity=a-b\n")).find("cpu_affinity: expected CPU numbers"), std::string::npos);
  EXPECT_NE(error(program("environment_file=relative.env\n")).find("environment_file: expected absolute paths"),
            std::string::npos);
}

}  // namespace
}  // namespace sn
