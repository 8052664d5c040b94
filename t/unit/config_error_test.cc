#include "lib/config/config_error.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(ConfigError, DescribesEveryPartPresent) {
  EXPECT_EQ((SourceLocation{"/etc/s.conf", 12, "program:web", "startsecs"}).describe(),
            "/etc/s.conf:12: [program:web] startsecs");
  EXPECT_EQ((SourceLocation{"/etc/s.conf", 0, "program:web", ""}).describe(), "/etc/s.conf: [program:web]");
  EXPECT_EQ((SourceLocation{"/etc/s.conf", 3, "", ""}).describe(), "/etc/s.conf:3");
  EXPECT_EQ((SourceLocation{"", 0, "", "port"}).describe(), "port");
}

TEST(ConfigError, ThrowsWithLocationAndMessage) {
  try {
    throw_config_error({"f.conf", 2, "s", "k"}, "expected x");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "f.conf:2: [s] k: expected x");
  }
}

}  // namespace
}  // namespace sn
