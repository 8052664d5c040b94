// A ProcessHost that really forks, for tests of the spawner and of running
// children: a real event loop and Spawner, and a helper that runs the loop
// until a condition holds (bounded in time).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fake_process_host.h"
#include "lib/util/event_loop.h"
#include "supervisord/process/spawner.h"

namespace sn::test {

class RealProcessHost : public ProcessHost {
 public:
  explicit RealProcessHost(EnvironmentList env = {{"PATH", "/usr/bin:/bin"}}, std::string server_url = "")
      : spawner_(loop_, logger_,
                 SpawnSettings{std::move(env), std::move(server_url), false, nullptr, nullptr, std::nullopt}) {
    logger_.set_level(LogLevel::kDebug);
    logger_.add_sink(std::make_unique<CaptureLogSink>(&log_lines));
  }
  const Clock& clock() const override { return loop_.clock(); }
  TimerQueue& timers() override { return loop_.timers(); }
  Logger& logger() override { return logger_; }
  SpawnResult spawn(Process& p) override { return spawner_.spawn(p, output); }
  bool may_start(const Process&) const override { return accepting; }
  void state_changed(Process&, ProcessState, bool) override {}

  // Runs the loop until `done` or 10 seconds passed; returns `done()`.
  bool run_until(const std::function<bool()>& done) {
    int64_t deadline = loop_.clock().monotonic_ns() + 10 * kNanosPerSecond;
    while (!done() && loop_.clock().monotonic_ns() < deadline) loop_.run_once(50);
    return done();
  }

  void run_for(double seconds) {
    int64_t deadline = loop_.clock().monotonic_ns() + static_cast<int64_t>(seconds * kNanosPerSecond);
    while (loop_.clock().monotonic_ns() < deadline) loop_.run_once(10);
  }

  EventLoop loop_;
  Logger logger_;
  Spawner spawner_;
  bool accepting = true;
  std::vector<std::string> log_lines;
  RecordingOutputSink output;  // what the children wrote besides their logs
};

}  // namespace sn::test
