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

TEST(Url, SplitsSchemeAuthorityPathAndQuery) {
  std::optional<UrlParts> u = split_url("http://[::1]:81/a/b?x=1#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "http");
  EXPECT_TRUE(u->has_authority);
  EXPECT_EQ(u->authority, "[::1]:81");
  EXPECT_EQ(u->path, "/a/b");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_EQ(u->after_scheme, "//[::1]:81/a/b?x=1#frag");
  u = split_url("unix:///run/s.sock");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->authority, "");
  EXPECT_EQ(u->path, "/run/s.sock");
  EXPECT_FALSE(u->query);
  u = split_url("mailto:a@b");
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->has_authority);
  EXPECT_EQ(u->path, "a@b");
  u = split_url("http://h?q");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->authority, "h");
  EXPECT_EQ(u->path, "");
  EXPECT_EQ(u->query, "q");
  for (const char* bad : {"", "no scheme", ":x", "1http://h", "ht tp://h", "/path"})
    EXPECT_FALSE(split_url(bad)) << bad;
}

TEST(Url, SplitsHostAndPort) {
  EXPECT_EQ(split_host_port("h:81")->host, "h");
  EXPECT_EQ(split_host_port("h:81")->port, "81");
  EXPECT_EQ(split_host_port("h")->port, "");
  EXPECT_EQ(split_host_port("[::1]:81")->host, "::1");
  EXPECT_EQ(split_host_port("[::1]")->port, "");
  EXPECT_FALSE(split_host_port("[::1"));
  EXPECT_FALSE(split_host_port("[::1]x"));
}

}  // namespace
}  // namespace sn
