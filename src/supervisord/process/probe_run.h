// One attempt of a probe (ready=, healthcheck=) on the event loop: a TCP
// connect, an HTTP GET that must answer 2xx, or /bin/sh -c COMMAND that
// must exit 0, each within a timeout. Never blocks: hosts are addresses
// or localhost, so no name is ever looked up.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "lib/config/check_spec.h"
#include "lib/util/event_loop.h"
#include "lib/util/unique_fd.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/child_task.h"

namespace sn {

class ProbeRun {
 public:
  // ok, or why not ("connection refused", "HTTP 500", "exited with status 1").
  using Done = std::function<void(bool ok, const std::string& why)>;
  // `done` is called once, from the loop, unless the run is destroyed first.
  ProbeRun(EventLoop& loop, LaunchPad& pad, const Probe& probe, int timeout_ms, Done done);
  ProbeRun(const ProbeRun&) = delete;
  ProbeRun& operator=(const ProbeRun&) = delete;

 private:
  void start_connect();
  void on_socket(uint32_t events);
  void send_request();
  void read_answer();
  void finish(bool ok, const std::string& why);

  EventLoop& loop_;
  const Probe& probe_;
  Done done_;
  UniqueFd socket_;
  bool connected_ = false;
  EventLoop::Watch watch_;
  std::string request_;
  size_t sent_ = 0;
  std::string answer_;
  std::unique_ptr<ChildTask> command_;
  bool finished_ = false;
  Timer deadline_;
  Timer first_step_;  // the attempt starts from the loop, never inside the caller's call
};

}  // namespace sn
