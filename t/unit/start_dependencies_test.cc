#include "lib/config/start_dependencies.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"

namespace sn {
namespace {

using test::ConfigTest;

std::string section(const std::string& name, const std::string& options = "") {
  return "[program:" + name + "]\ncommand=/bin/cat\n" + options;
}

TEST_F(ConfigTest, DependsOnIsReadAsAList) {
  SupervisordConfig c =
      load("[supervisord]\n" + section("db") + section("cache", "numprocs=2\nprocess_name=c%(process_num)d\n") +
           section("web", "depends_on = db, cache:*, cache:c1\n"));
  const ProcessConfig& web = c.groups.back().name == "web" ? c.groups.back().processes[0] : c.groups[2].processes[0];
  EXPECT_EQ(web.depends_on, (std::vector<std::string>{"db", "cache:*", "cache:c1"}));
}

TEST_F(ConfigTest, ANameThatMatchesNothingIsAnErrorAtItsLine) {
  std::string text = "[supervisord]\n" + section("db") + section("web", "depends_on=db,dbx\n");
  EXPECT_EQ(error(text), conf_path() + ":6: [program:web] depends_on: no program, group or process is named 'dbx'");
  EXPECT_NE(error("[supervisord]\n" + section("web", "depends_on=g:*\n")).find("named 'g:*'"), std::string::npos);
  EXPECT_NE(error("[supervisord]\n" + section("web", "depends_on=a b\n")).find("expected NAME, GROUP:* or GROUP:NAME"),
            std::string::npos);
}

TEST_F(ConfigTest, ACycleIsAnErrorNamingItsPath) {
  std::string text = "[supervisord]\n" + section("a", "depends_on=b\n") + section("b", "depends_on=c\n") +
                     section("c", "depends_on=a\n");
  EXPECT_EQ(error(text),
            conf_path() + ":4: [program:a] depends_on: the start dependencies make a cycle: a -> b -> c -> a");
  EXPECT_NE(error("[supervisord]\n" + section("a", "depends_on=a\n")).find("a cycle: a -> a"), std::string::npos);
}

TEST_F(ConfigTest, GroupMembersAreNamedByGroupAndName) {
  std::string text =
      "[supervisord]\n" + section("db") + section("web", "depends_on=db\n") + "[group:site]\nprograms=db,web\n";
  SupervisordConfig c = load(text);
  ASSERT_EQ(c.groups.size(), 1u);
  std::string cyclic = "[supervisord]\n" + section("db", "depends_on=site:web\n") +
                       section("web", "depends_on=site:db\n") + "[group:site]\nprograms=db,web\n";
  EXPECT_NE(error(cyclic).find("a cycle: site:db -> site:web -> site:db"), std::string::npos);
}

TEST(DependencyMatches, NameGroupStarAndGroupName) {
  ProcessConfig p;
  p.name = "c1";
  p.program_name = "cache";
  EXPECT_TRUE(dependency_matches("cache", "cache", p));
  EXPECT_TRUE(dependency_matches("cache", "site", p));  // the program, in whatever group
  EXPECT_TRUE(dependency_matches("site:*", "site", p));
  EXPECT_TRUE(dependency_matches("site:c1", "site", p));
  EXPECT_FALSE(dependency_matches("site:c2", "site", p));
  EXPECT_FALSE(dependency_matches("c1", "site", p));
  EXPECT_FALSE(dependency_matches("other:*", "site", p));
}

TEST_F(ConfigTest, ReadinessOptions) {
  ProcessConfig plain = only_process(load(program("")));
  EXPECT_EQ(plain.ready.kind, ReadyCheck::Kind::kStartsecs);
  EXPECT_EQ(plain.ready_timeout, 90);
  ProcessConfig p = only_process(load(program("ready=tcp:127.0.0.1:80%(process_num)02d\nready_timeout=5\n")));
  EXPECT_EQ(p.ready.probe.port, 8000);  // expanded for each process
  EXPECT_EQ(p.ready_timeout, 5);
  EXPECT_NE(error(program("ready_timeout=0\n")).find("ready_timeout: expected a number from 1 up"), std::string::npos);
  EXPECT_NE(error(program("ready=fd:1\n")).find("[program:web] ready: fd: needs a descriptor from 3"),
            std::string::npos);
  EXPECT_NE(error(program("ready=ping\n")).find("ready: expected startsecs, notify, fd:N"), std::string::npos);
}

TEST_F(ConfigTest, HealthOptions) {
  ProcessConfig plain = only_process(load(program("")));
  EXPECT_FALSE(plain.health.enabled());
  EXPECT_EQ(plain.health, HealthCheck{});
  ProcessConfig p =
      only_process(load(program("healthcheck=http://127.0.0.1:8080/up\nhealthcheck_interval=2\nhealthcheck_timeout=1\n"
                                "healthcheck_retries=2\nhealthcheck_start_period=4\nhealthcheck_action=stop\n")));
  EXPECT_EQ(p.health.probe.path, "/up");
  EXPECT_EQ(p.health.interval_secs, 2);
  EXPECT_EQ(p.health.timeout_secs, 1);
  EXPECT_EQ(p.health.retries, 2);
  EXPECT_EQ(p.health.start_period_secs, 4);
  EXPECT_EQ(p.health.action, HealthAction::kStop);
  EXPECT_FALSE(only_process(load(program("healthcheck=none\n"))).health.enabled());
  EXPECT_NE(error(program("healthcheck=ping\n")).find("healthcheck: expected tcp:HOST:PORT"), std::string::npos);
  EXPECT_NE(error(program("healthcheck_retries=0\n")).find("expected a number from 1 up"), std::string::npos);
  EXPECT_NE(error(program("healthcheck_action=kill\n")).find("expected restart, stop or none"), std::string::npos);
}

}  // namespace
}  // namespace sn
