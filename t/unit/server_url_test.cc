#include "lib/rpc/server_url.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(ServerUrl, ReadsTheThreeSchemes) {
  auto unix_url = parse_server_url("unix:///run/supervisor.sock");
  ASSERT_TRUE(unix_url);
  EXPECT_EQ(unix_url->scheme, ServerUrl::Scheme::kUnix);
  EXPECT_EQ(unix_url->socket_path, "/run/supervisor.sock");
  EXPECT_EQ(parse_server_url("http://localhost:9001")->scheme, ServerUrl::Scheme::kHttp);
  EXPECT_EQ(parse_server_url("https://h:9001")->scheme, ServerUrl::Scheme::kHttps);
}

TEST(ServerUrl, RefusesOtherSchemesAndEmptyRests) {
  EXPECT_FALSE(parse_server_url("ftp://x"));
  EXPECT_FALSE(parse_server_url("foo"));
  EXPECT_FALSE(parse_server_url("http://"));
  EXPECT_FALSE(parse_server_url("unix://"));
}

TEST(ServerUrl, RequestsGoToTheHostOnlyAndUnixSocketsToLocalhost) {
  EXPECT_EQ(parse_server_url("http://h:9001")->request_url("/RPC2"), "http://h:9001/RPC2");
  EXPECT_EQ(parse_server_url("http://h:9001/some/path")->request_url("/RPC2"), "http://h:9001/RPC2");
  EXPECT_EQ(parse_server_url("unix:///tmp/s.sock")->request_url("/logtail/x"), "http://localhost/logtail/x");
}

}  // namespace
}  // namespace sn
