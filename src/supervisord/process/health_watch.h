// Runs a program's health check every interval while it is RUNNING (one
// check at a time, each within its timeout, on the loop or as a child
// task) and says when its health changes. Nothing runs before RUNNING or
// for a program without healthcheck=.
#pragma once

#include <functional>
#include <memory>

#include "lib/config/check_spec.h"
#include "lib/util/event_loop.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/health_tracker.h"
#include "supervisord/process/probe_run.h"

namespace sn {

class HealthWatch {
 public:
  // Called when the health changed; tracker() says to what and why.
  using Changed = std::function<void(Health from, const HealthTracker& tracker)>;
  HealthWatch(EventLoop& loop, LaunchPad& pad, const HealthCheck& check, Changed changed);
  HealthWatch(const HealthWatch&) = delete;
  HealthWatch& operator=(const HealthWatch&) = delete;

  // The process is RUNNING: the first check comes one interval later.
  void start();
  const HealthTracker& tracker() const { return tracker_; }

 private:
  void check();
  void done(bool ok, const std::string& why);

  EventLoop& loop_;
  LaunchPad& pad_;
  const HealthCheck& check_;
  Changed changed_;
  HealthTracker tracker_;
  int64_t running_since_ns_ = 0;
  std::unique_ptr<ProbeRun> probe_;
  Timer next_;
};

}  // namespace sn
