#include "lib/config/check_spec.h"

#include <gtest/gtest.h>

#include "lib/config/value_parsers.h"

namespace sn {
namespace {

TEST(Probe, TcpHttpAndCommand) {
  Probe tcp = parse_probe(" tcp:127.0.0.1:8080 ");
  EXPECT_EQ(tcp.kind, Probe::Kind::kTcp);
  EXPECT_EQ(tcp.host, "127.0.0.1");
  EXPECT_EQ(tcp.port, 8080);
  EXPECT_EQ(tcp.text, "tcp:127.0.0.1:8080");
  Probe v6 = parse_probe("tcp:[::1]:81");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 81);
  Probe http = parse_probe("http://localhost:9000/health?deep=1");
  EXPECT_EQ(http.kind, Probe::Kind::kHttp);
  EXPECT_EQ(http.host, "localhost");
  EXPECT_EQ(http.port, 9000);
  EXPECT_EQ(http.path, "/health?deep=1");
  EXPECT_EQ(parse_probe("http://h:1").path, "/");
  Probe command = parse_probe("command: pg_isready -q ");
  EXPECT_EQ(command.kind, Probe::Kind::kCommand);
  EXPECT_EQ(command.command, "pg_isready -q");
}

TEST(Probe, BadOnesSayWhatWasExpected) {
  for (const char* bad : {"tcp:host", "tcp:host:0", "tcp:host:70000", "tcp::80", "http://host/x", "http:/x",
                          "command:  ", "udp:h:1", "", "https://h:1/"}) {
    EXPECT_THROW(parse_probe(bad), ValueError) << bad;
  }
  try {
    parse_probe("tcp:host:port");
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "no valid port in 'tcp:host:port'");
  }
}

TEST(ReadyCheck, EveryKind) {
  EXPECT_EQ(parse_ready_check("startsecs"), ReadyCheck{});
  EXPECT_EQ(parse_ready_check("notify").kind, ReadyCheck::Kind::kNotify);
  ReadyCheck fd = parse_ready_check("fd:3");
  EXPECT_EQ(fd.kind, ReadyCheck::Kind::kFd);
  EXPECT_EQ(fd.fd, 3);
  ReadyCheck tcp = parse_ready_check("tcp:127.0.0.1:5432");
  EXPECT_EQ(tcp.kind, ReadyCheck::Kind::kProbe);
  EXPECT_EQ(tcp.probe.port, 5432);
  EXPECT_EQ(parse_ready_check("command:true").probe.kind, Probe::Kind::kCommand);
  for (const char* bad : {"fd:2", "fd:0", "fd:x", "fd:5000", "ready", "Notify", ""})
    EXPECT_THROW(parse_ready_check(bad), ValueError) << bad;
}

TEST(HealthAction, Words) {
  EXPECT_EQ(parse_health_action("restart"), HealthAction::kRestart);
  EXPECT_EQ(parse_health_action(" STOP"), HealthAction::kStop);
  EXPECT_EQ(parse_health_action("none"), HealthAction::kNone);
  EXPECT_THROW(parse_health_action("kill"), ValueError);
}

}  // namespace
}  // namespace sn
