#include "pidproxy/pid_proxy.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(PidProxyArgs, APidfileAndACommandMadeAbsoluteWithoutSearchingPath) {
  EXPECT_FALSE(parse_pid_proxy_args({"pidproxy"}, "/w"));
  EXPECT_FALSE(parse_pid_proxy_args({"pidproxy", "/run/x.pid"}, "/w"));
  std::optional<PidProxyArgs> a = parse_pid_proxy_args({"pidproxy", "x.pid", "bin/../sbin/mysqld_safe", "-v"}, "/w");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->pidfile, "x.pid");
  EXPECT_EQ(a->command, "/w/sbin/mysqld_safe");
  EXPECT_EQ(a->argv, (std::vector<std::string>{"bin/../sbin/mysqld_safe", "-v"})) << "argv[0] as given";
  EXPECT_EQ(parse_pid_proxy_args({"pidproxy", "x.pid", "sleep"}, "/w")->command, "/w/sleep");
}

TEST(PidProxyPidText, DigitsWithBlanksAround) {
  EXPECT_EQ(parse_pid_text("1234\n"), 1234);
  EXPECT_EQ(parse_pid_text("  77 \n"), 77);
  EXPECT_FALSE(parse_pid_text(""));
  EXPECT_FALSE(parse_pid_text("\n"));
  EXPECT_FALSE(parse_pid_text("12ab"));
  EXPECT_FALSE(parse_pid_text("-1"));
  EXPECT_FALSE(parse_pid_text("0"));
  EXPECT_FALSE(parse_pid_text("99999999999999"));
}

TEST(PidProxyUsage, SupervisorsText) {
  EXPECT_EQ(pid_proxy_usage("/usr/bin/pidproxy"),
            "pidproxy -- run command and proxy signals to it via its pidfile.\n\n"
            "This executable runs a command and then monitors a pidfile.  When this\n"
            "executable receives a signal, it sends the same signal to the pid\n"
            "in the pidfile.\n\n"
            "Usage: /usr/bin/pidproxy <pidfile name> <command> [<cmdarg1> ...]\n\n");
}

}  // namespace
}  // namespace sn
