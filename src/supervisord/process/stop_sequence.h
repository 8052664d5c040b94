// supervisor's ordered stop of everything at shutdown or restart: one group
// at a time, the highest priority first, the next one only when the last
// has stopped; every 3 seconds the processes still waited for are logged.
// Driven by the supervisor telling it of each state change: no polling.
#pragma once

#include <functional>
#include <vector>

#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "supervisord/process/process_group.h"

namespace sn {

class StopSequence {
 public:
  using Unstopped = std::function<std::vector<Process*>()>;
  StopSequence(EventLoop& loop, Logger& logger) : loop_(loop), logger_(logger) {}

  // Stops `groups` (lowest priority first: the last goes first); `unstopped`
  // says what is still running; `done` is called once nothing is.
  void begin(std::vector<ProcessGroup*> groups, Unstopped unstopped, std::function<void()> done);
  bool running() const { return running_; }
  // A process changed state: go on at the next loop round, not from inside
  // the transition that is still running.
  void changed();

 private:
  void step();
  void report();

  EventLoop& loop_;
  Logger& logger_;
  bool running_ = false;
  std::vector<ProcessGroup*> queue_;  // next group to stop at the back
  Unstopped unstopped_;
  std::function<void()> done_;
  Timer step_timer_{loop_.timers(), [this] { step(); }};
  Timer report_timer_{loop_.timers(), [this] { report(); }};
};

}  // namespace sn
