#include "lib/http/url.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Url, PercentDecoding) {
  EXPECT_EQ(percent_decode("a%20b%3Ac"), "a b:c");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(form_decode("a+b"), "a b");
  EXPECT_FALSE(percent_decode("bad%2"));
  EXPECT_FALSE(percent_decode("bad%zz"));
  EXPECT_FALSE(percent_decode("%"));
}

TEST(Url, PercentEncoding) {
  EXPECT_EQ(percent_encode("grp:proc 1/x"), "grp%3Aproc%201%2Fx");
  EXPECT_EQ(percent_encode("Safe-_.~"), "Safe-_.~");
}

TEST(Url, Queries) {
  auto q = parse_query("processname=web%3Aone&action=stop&message=All+done&empty=&x=1&x=2&&bad=%zz");
  EXPECT_EQ(q["processname"], "web:one");
  EXPECT_EQ(q["action"], "stop");
  EXPECT_EQ(q["message"], "All done");
  EXPECT_EQ(q["empty"], "");
  EXPECT_EQ(q["x"], "1");
  EXPECT_EQ(q.count("bad"), 0u);
}

}  // namespace
}  // namespace sn
