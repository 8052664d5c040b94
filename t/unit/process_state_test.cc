#include "supervisord/process/process_state.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(ProcessState, CodesAndNamesMatchSupervisor) {
  EXPECT_EQ(static_cast<int>(ProcessState::kStopped), 0);
  EXPECT_EQ(static_cast<int>(ProcessState::kStarting), 10);
  EXPECT_EQ(static_cast<int>(ProcessState::kRunning), 20);
  EXPECT_EQ(static_cast<int>(ProcessState::kBackoff), 30);
  EXPECT_EQ(static_cast<int>(ProcessState::kStopping), 40);
  EXPECT_EQ(static_cast<int>(ProcessState::kExited), 100);
  EXPECT_EQ(static_cast<int>(ProcessState::kFatal), 200);
  EXPECT_EQ(static_cast<int>(ProcessState::kUnknown), 1000);
  EXPECT_EQ(process_state_name(ProcessState::kBackoff), "BACKOFF");
  EXPECT_EQ(supervisor_state_name(SupervisorState::kRestarting), "RESTARTING");
  EXPECT_EQ(static_cast<int>(SupervisorState::kShutdown), -1);
}

TEST(ProcessState, StateClasses) {
  for (ProcessState s : {ProcessState::kStopped, ProcessState::kExited, ProcessState::kFatal, ProcessState::kUnknown}) {
    EXPECT_TRUE(is_stopped_state(s));
    EXPECT_FALSE(is_running_state(s));
  }
  for (ProcessState s : {ProcessState::kStarting, ProcessState::kRunning, ProcessState::kBackoff})
    EXPECT_TRUE(is_running_state(s));
  EXPECT_FALSE(is_stopped_state(ProcessState::kStopping));
  EXPECT_TRUE(is_signallable_state(ProcessState::kStopping));
  EXPECT_FALSE(is_signallable_state(ProcessState::kBackoff));
}

}  // namespace
}  // namespace sn
