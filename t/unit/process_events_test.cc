#include "supervisord/events/process_events.h"

#include <gtest/gtest.h>

#include "fake_process_host.h"

namespace sn {
namespace {

TEST(ProcessEvents, EachStateWithSupervisorsExtras) {
  test::FakeProcessHost host;
  ProcessConfig c;
  c.name = "web";
  c.command = "/bin/true";
  c.startsecs = 0;
  c.autorestart = AutoRestart::kNever;
  std::vector<Event> events;
  host.on_state_changed = [&](Process& p, ProcessState from, bool expected) {
    events.push_back(process_state_event(p, from, expected));
  };
  Process p(c, "grp", host);
  p.spawn();  // STARTING, then RUNNING at once (startsecs=0)
  p.on_exit(ExitStatus::exited(3));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, EventType::kProcessStateStarting);
  EXPECT_EQ(events[0].payload, "processname:web groupname:grp from_state:STOPPED tries:0");
  EXPECT_EQ(events[1].type, EventType::kProcessStateRunning);
  EXPECT_EQ(events[1].payload, "processname:web groupname:grp from_state:STARTING pid:100");
  EXPECT_EQ(events[2].type, EventType::kProcessStateExited);
  // The pid of the process that just ended, and whether the exit was expected.
  EXPECT_EQ(events[2].payload, "processname:web groupname:grp from_state:RUNNING expected:0 pid:100");
}

}  // namespace
}  // namespace sn
