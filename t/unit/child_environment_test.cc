#include "supervisord/process/child_environment.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sn {
namespace {

bool has(const std::vector<std::string>& env, const std::string& kv) {
  return std::find(env.begin(), env.end(), kv) != env.end();
}

TEST(ChildEnvironment, AddsSupervisorVariables) {
  ProcessConfig c;
  c.name = "web_01";
  std::vector<std::string> env = build_child_environment({{"HOME", "/root"}}, c, "web", "unix:///tmp/s.sock");
  EXPECT_EQ(env.front(), "HOME=/root");
  EXPECT_TRUE(has(env, "SUPERVISOR_ENABLED=1"));
  EXPECT_TRUE(has(env, "SUPERVISOR_SERVER_URL=unix:///tmp/s.sock"));
  EXPECT_TRUE(has(env, "SUPERVISOR_PROCESS_NAME=web_01"));
  EXPECT_TRUE(has(env, "SUPERVISOR_GROUP_NAME=web"));
}

TEST(ChildEnvironment, NoServerUrlWithoutServers) {
  ProcessConfig c;
  c.name = "x";
  std::vector<std::string> env = build_child_environment({}, c, "x", "");
  for (const std::string& kv : env) EXPECT_NE(kv.rfind("SUPERVISOR_SERVER_URL=", 0), 0u);
}

TEST(ChildEnvironment, ProgramSettingsWin) {
  ProcessConfig c;
  c.name = "x";
  c.serverurl = "http://127.0.0.1:9002";
  c.environment = {{"HOME", "/home/x"}, {"SUPERVISOR_ENABLED", "0"}, {"NEW", "v"}};
  std::vector<std::string> env = build_child_environment({{"HOME", "/root"}, {"PATH", "/bin"}}, c, "x", "http://a:1");
  EXPECT_TRUE(has(env, "HOME=/home/x"));
  EXPECT_FALSE(has(env, "HOME=/root"));
  EXPECT_TRUE(has(env, "SUPERVISOR_ENABLED=0"));
  EXPECT_TRUE(has(env, "SUPERVISOR_SERVER_URL=http://127.0.0.1:9002"));
  EXPECT_TRUE(has(env, "NEW=v"));
  EXPECT_TRUE(has(env, "PATH=/bin"));
  EXPECT_EQ(std::count_if(env.begin(), env.end(), [](const std::string& kv) { return kv.rfind("HOME=", 0) == 0; }), 1);
}

}  // namespace
}  // namespace sn
