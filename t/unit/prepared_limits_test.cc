#include "supervisord/process/prepared_limits.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

DaemonLimits unprivileged() {
  DaemonLimits d;
  d.rlimits = {{RLIMIT_NOFILE, rlimit{1024, 4096}}, {RLIMIT_CORE, rlimit{0, RLIM_INFINITY}}};
  d.nr_open = 1048576;
  d.nice = 0;
  d.oom_score_adj = 0;
  d.cpus = {0, 1};
  return d;
}

ChildLimits nofile(rlim_t soft, rlim_t hard) {
  ChildLimits l;
  l.rlimits.push_back({RLIMIT_NOFILE, "rlimit_nofile", soft, hard});
  return l;
}

TEST(PreparedLimits, WhatTheDaemonMayGiveIsLaidOut) {
  ChildLimits l = nofile(2048, 4096);
  l.nice = 10;
  l.oom_score_adj = 300;
  l.cpu_affinity = {1};
  PreparedLimits p;
  EXPECT_EQ(prepare_limits(l, unprivileged(), &p), "");
  ASSERT_EQ(p.rlimits.size(), 1u);
  EXPECT_EQ(p.rlimits[0].second.rlim_cur, 2048u);
  EXPECT_EQ(p.keys, std::vector<std::string>{"rlimit_nofile"});
  EXPECT_TRUE(p.set_nice);
  EXPECT_EQ(p.nice, 10);
  EXPECT_EQ(p.oom_score_adj, "300\n");
  EXPECT_EQ(p.cpu_mask, std::vector<unsigned long>{2});
}

TEST(PreparedLimits, WhatOnlyRootMayDoIsASpawnErrorSayingWhy) {
  PreparedLimits p;
  EXPECT_EQ(prepare_limits(nofile(8192, 8192), unprivileged(), &p),
            "rlimit_nofile: the hard limit 8192 is above supervisord's 4096, which only root may raise");
  ChildLimits n;
  n.nice = -5;
  EXPECT_EQ(prepare_limits(n, unprivileged(), &p), "nice: -5 is below supervisord's 0, which only root may go under");
  ChildLimits o;
  o.oom_score_adj = -500;
  EXPECT_EQ(prepare_limits(o, unprivileged(), &p),
            "oom_score_adj: -500 is below supervisord's 0, which only root may go under");
  ChildLimits c;
  c.cpu_affinity = {0, 5};
  EXPECT_EQ(prepare_limits(c, unprivileged(), &p), "cpu_affinity: CPU 5 is not one supervisord may run on (0-1)");

  DaemonLimits root = unprivileged();
  root.privileged = true;
  EXPECT_EQ(prepare_limits(nofile(8192, 8192), root, &p), "");
  EXPECT_EQ(prepare_limits(n, root, &p), "");
  EXPECT_EQ(prepare_limits(nofile(1 << 21, 1 << 21), root, &p),
            "rlimit_nofile: the hard limit 2097152 is above the kernel's fs.nr_open (1048576)");
  EXPECT_NE(prepare_limits(nofile(1024, RLIM_INFINITY), root, &p).find("infinity is refused"), std::string::npos);
}

TEST(PreparedLimits, TheDaemonsOwnAreRead) {
  DaemonLimits d = DaemonLimits::current();
  EXPECT_FALSE(d.cpus.empty());
  EXPECT_FALSE(d.rlimits.empty());
  EXPECT_GE(d.nr_open, 1024);
}

}  // namespace
}  // namespace sn
