#include "supervisord/process/process_state.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

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

TEST(ProcessState, TheTransitionTableIsSupervisors) {
  using S = ProcessState;
  const S all[] = {S::kStopped,  S::kStarting, S::kRunning, S::kBackoff,
                   S::kStopping, S::kExited,   S::kFatal,   S::kUnknown};
  std::set<std::pair<S, S>> allowed = {
      {S::kStopped, S::kStarting},  {S::kStarting, S::kRunning}, {S::kStarting, S::kBackoff},
      {S::kStarting, S::kStopping}, {S::kRunning, S::kStopping}, {S::kRunning, S::kExited},
      {S::kRunning, S::kBackoff},   {S::kBackoff, S::kStarting}, {S::kBackoff, S::kFatal},
      {S::kBackoff, S::kStopped},   {S::kStopping, S::kStopped}, {S::kExited, S::kStarting},
      {S::kFatal, S::kStarting},
  };
  for (S from : all) {
    for (S to : all) {
      if (from == to) continue;
      bool expected = allowed.count({from, to}) || to == S::kUnknown || (from == S::kUnknown && to != S::kFatal);
      EXPECT_EQ(is_allowed_transition(from, to), expected)
          << process_state_name(from) << " -> " << process_state_name(to);
    }
  }
  // Never straight from a stop to a stop, or from FATAL without a start.
  EXPECT_FALSE(is_allowed_transition(S::kStopped, S::kExited));
  EXPECT_FALSE(is_allowed_transition(S::kFatal, S::kRunning));
  EXPECT_FALSE(is_allowed_transition(S::kExited, S::kStopping));
}

}  // namespace
}  // namespace sn
