#include "lib/util/exit_status.h"

#include <gtest/gtest.h>

#include <csignal>

namespace sn {
namespace {

TEST(ExitStatus, DescribesExitCodes) {
  ExitStatus s = ExitStatus::exited(3);
  EXPECT_EQ(s.describe(), "exit status 3");
  EXPECT_EQ(s.supervisor_code(), 3);
}

TEST(ExitStatus, SignalDeathIsMinusOne) {
  ExitStatus s = ExitStatus::killed(SIGKILL);
  EXPECT_EQ(s.describe(), "terminated by SIGKILL");
  EXPECT_EQ(s.supervisor_code(), -1);
}

TEST(ExitStatus, MentionsCoreDumps) {
  EXPECT_EQ(ExitStatus::killed(SIGSEGV, true).describe(), "terminated by SIGSEGV (core dumped)");
}

TEST(ExitStatus, AnAdoptedChildsEndIsUnknownAndNoExitCode) {
  ExitStatus s = ExitStatus::unknown_of_adopted();
  EXPECT_EQ(s.describe(), "exit status unknown (adopted)");
  EXPECT_EQ(s.supervisor_code(), -1);
}

}  // namespace
}  // namespace sn
