#include "lib/util/namespec.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Namespec, SplitsAndJoinsLikeSupervisor) {
  Namespec a = split_namespec("web");
  EXPECT_EQ(a.group, "web");
  EXPECT_EQ(a.process, "web");
  Namespec b = split_namespec("grp:web");
  EXPECT_EQ(b.group, "grp");
  EXPECT_EQ(b.process, "web");
  EXPECT_FALSE(split_namespec("grp:").process);
  EXPECT_FALSE(split_namespec("grp:*").process);
  EXPECT_EQ(make_namespec("web", "web"), "web");
  EXPECT_EQ(make_namespec("grp", "web"), "grp:web");
}

}  // namespace
}  // namespace sn
