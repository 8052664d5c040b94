// A child that is running: its pidfd (readable when it exits, reaped with
// waitid(P_PIDFD), signalled with pidfd_send_signal so a recycled pid is
// never hit), its stdin, and its output channels.
#pragma once

#include <sys/types.h>

#include <memory>

#include "lib/util/event_loop.h"
#include "lib/util/exit_status.h"
#include "lib/util/logger.h"
#include "lib/util/unique_fd.h"
#include "supervisord/output/output_channel.h"
#include "supervisord/process/health_watch.h"
#include "supervisord/process/process.h"
#include "supervisord/process/readiness_watch.h"

namespace sn {

// Signals a child through its pidfd (or its process group by pid): 0 or errno.
int signal_child(pid_t pid, int pidfd, int sig, SignalScope scope);

class RunningChild final : public ChildHandle {
 public:
  RunningChild(EventLoop& loop, Logger& logger, Process& process, pid_t pid, UniqueFd pidfd, UniqueFd stdin_pipe,
               std::unique_ptr<OutputChannel> out, std::unique_ptr<OutputChannel> err);

  pid_t pid() const override { return pid_; }
  int send_signal(int sig, SignalScope scope) override;
  void reopen_logs() override;
  int clear_logs() override;
  int write_stdin(std::string_view data) override;
  // ready= other than startsecs: what tells when the child is ready.
  void watch_readiness(std::unique_ptr<ReadinessWatch> watch) { readiness_ = std::move(watch); }
  // healthcheck=: checked from RUNNING on.
  void watch_health(std::unique_ptr<HealthWatch> watch) { health_ = std::move(watch); }
  void entered_running() override {
    if (health_) health_->start();
  }

 private:
  void on_exited();
  ExitStatus reap();
  int flush_stdin();

  EventLoop& loop_;
  Logger& logger_;
  Process& process_;
  pid_t pid_;
  UniqueFd stdin_;
  std::string stdin_pending_;
  EventLoop::Watch stdin_watch_;
  std::unique_ptr<OutputChannel> out_;
  std::unique_ptr<OutputChannel> err_;
  UniqueFd pidfd_;
  EventLoop::Watch watch_;
  std::unique_ptr<ReadinessWatch> readiness_;
  std::unique_ptr<HealthWatch> health_;
};

}  // namespace sn
