#include "lib/util/signals.h"

#include <gtest/gtest.h>

#include <csignal>

namespace sn {
namespace {

TEST(Signals, NamesAsSupervisorPrintsThem) {
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(6), "SIGABRT");
  EXPECT_EQ(signal_name(17), "SIGCHLD");
  EXPECT_EQ(signal_name(29), "SIGPOLL");
  EXPECT_EQ(signal_name(34), "SIGRTMIN");
  EXPECT_EQ(signal_name(40), "signal 40");
  EXPECT_EQ(signal_name(0), "signal 0");
}

TEST(Signals, ParsesNamesWithOrWithoutPrefixInAnyCase) {
  EXPECT_EQ(parse_signal("TERM"), SIGTERM);
  EXPECT_EQ(parse_signal("sigterm"), SIGTERM);
  EXPECT_EQ(parse_signal(" Hup "), SIGHUP);
  EXPECT_EQ(parse_signal("KILL"), SIGKILL);
  EXPECT_EQ(parse_signal("iot"), 6);
  EXPECT_EQ(parse_signal("usr2"), SIGUSR2);
}

TEST(Signals, ParsesNumbersPythonKnows) {
  EXPECT_EQ(parse_signal("9"), 9);
  EXPECT_EQ(parse_signal("64"), 64);
  EXPECT_EQ(parse_signal("0"), 0);  // SIG_DFL counts, as in supervisor
  EXPECT_FALSE(parse_signal("40"));
  EXPECT_FALSE(parse_signal("65"));
  EXPECT_FALSE(parse_signal("-1"));
}

TEST(Signals, RejectsUnknownNames) {
  EXPECT_FALSE(parse_signal("FOO"));
  EXPECT_FALSE(parse_signal(""));
  EXPECT_FALSE(parse_signal("SIG"));
}

}  // namespace
}  // namespace sn
