#include "supervisord/process/stop_sequence.h"

#include <gtest/gtest.h>

#include <csignal>

#include "fake_process_host.h"

namespace sn {
namespace {

using test::CaptureLogSink;
using test::FakeProcessHost;

class StopSequenceTest : public ::testing::Test {
 protected:
  StopSequenceTest() : loop(clock), logger(clock) { logger.add_sink(std::make_unique<CaptureLogSink>(&lines)); }

  ProcessGroup& running_group(const std::string& name) {
    GroupConfig g;
    g.name = name;
    ProcessConfig p;
    p.name = name;
    p.command = "/bin/true";
    p.startsecs = 0;
    g.processes.push_back(p);
    groups.push_back(std::make_unique<ProcessGroup>(std::make_shared<const GroupConfig>(g), host));
    groups.back()->start_autostart();
    return *groups.back();
  }
  std::vector<Process*> unstopped() const {
    std::vector<Process*> out;
    for (const auto& g : groups)
      for (Process* p : g->unstopped()) out.push_back(p);
    return out;
  }
  void tick(double seconds = 0) {
    clock.advance_seconds(seconds);
    loop.timers().run_due(clock.monotonic_ns());
  }

  ManualClock clock;
  EventLoop loop;
  Logger logger;
  std::vector<std::string> lines;
  FakeProcessHost host;
  std::vector<std::unique_ptr<ProcessGroup>> groups;
};

TEST_F(StopSequenceTest, StopsTheLastGroupFirstAndOneAtATime) {
  ProcessGroup& low = running_group("low");
  ProcessGroup& high = running_group("high");
  StopSequence stop(loop, logger);
  bool done = false;
  stop.begin(
      {&low, &high}, [this] { return unstopped(); }, [&] { done = true; });
  EXPECT_TRUE(stop.running());
  EXPECT_EQ(low.processes()[0]->state(), ProcessState::kRunning);
  EXPECT_EQ(high.processes()[0]->state(), ProcessState::kStopping);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for low, high to die"), 1);

  high.processes()[0]->on_exit(ExitStatus::killed(SIGTERM));
  stop.changed();
  EXPECT_EQ(low.processes()[0]->state(), ProcessState::kRunning) << "the next group waits for the loop";
  tick();
  EXPECT_EQ(low.processes()[0]->state(), ProcessState::kStopping);
  low.processes()[0]->on_exit(ExitStatus::killed(SIGTERM));
  stop.changed();
  EXPECT_FALSE(done);
  tick();
  EXPECT_TRUE(done);
}

TEST_F(StopSequenceTest, NothingRunningIsDoneAtOnceAndChangesBeforeBeginAreIgnored) {
  StopSequence stop(loop, logger);
  stop.changed();
  EXPECT_FALSE(stop.running());
  bool done = false;
  stop.begin(
      {}, [this] { return unstopped(); }, [&] { done = true; });
  EXPECT_TRUE(done);
  EXPECT_TRUE(lines.empty());
}

TEST_F(StopSequenceTest, ReportsWhatItWaitsForEveryThreeSeconds) {
  ProcessGroup& slow = running_group("slow");
  StopSequence stop(loop, logger);
  stop.begin(
      {&slow}, [this] { return unstopped(); }, nullptr);
  tick(2.9);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for slow to die"), 1);
  tick(0.2);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "INFO waiting for slow to die"), 2);
}

}  // namespace
}  // namespace sn
