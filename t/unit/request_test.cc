#include "lib/http/request.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(HttpRequest, KeepAliveRules) {
  HttpRequest r;
  r.minor_version = 1;
  EXPECT_TRUE(r.keep_alive());
  r.headers = {{"connection", "Close"}};
  EXPECT_FALSE(r.keep_alive());
  r.minor_version = 0;
  r.headers = {};
  EXPECT_FALSE(r.keep_alive());
  r.headers = {{"connection", "Keep-Alive"}};
  EXPECT_TRUE(r.keep_alive());
  r.headers = {{"connection", "keep-alive, close"}};
  EXPECT_FALSE(r.keep_alive());
}

TEST(HttpRequest, HeaderLookup) {
  HttpRequest r;
  r.headers = {{"host", "a"}, {"host", "b"}};
  ASSERT_TRUE(r.header("host"));
  EXPECT_EQ(*r.header("host"), "a");
  EXPECT_EQ(r.header("accept"), nullptr);
}

}  // namespace
}  // namespace sn
