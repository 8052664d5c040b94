// The daemon's process side: every process group, the daemon's mood, and
// the ordered stop of everything at shutdown or restart. Driven by the
// event loop through timers and child exits; no polling.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "supervisord/process_group.h"

namespace sn {

class Supervisor final : public ProcessHost {
 public:
  Supervisor(EventLoop& loop, Logger& logger, const SupervisordConfig& config, ChildLauncher& launcher);
  ~Supervisor() override;

  // Creates every configured group; nothing starts yet.
  void create_groups();
  // Starts the autostart processes of every group, lowest priority first.
  void start_autostart();

  // Activates a group (creating its AUTO logs); false if it is already active.
  bool add_group(const GroupConfig& config);
  enum class RemoveResult { kRemoved, kNoSuchGroup, kStillRunning };
  RemoveResult remove_group(const std::string& name);
  ProcessGroup* find_group(std::string_view name) const;
  // Active groups in (priority, name) order.
  std::vector<ProcessGroup*> groups() const;

  SupervisorState state() const { return state_; }
  // Stops every group, highest priority first, one group at a time; then
  // calls the stopped callback. Restart differs only in what follows.
  void shutdown();
  void restart();
  bool stopping() const { return stopping_; }
  void set_on_stopped(std::function<void()> callback) { on_stopped_ = std::move(callback); }
  std::vector<Process*> unstopped_processes() const;

  void reopen_logs();
  const SupervisordConfig& config() const { return config_; }

  // ProcessHost
  const Clock& clock() const override { return loop_.clock(); }
  TimerQueue& timers() override { return loop_.timers(); }
  Logger& logger() override { return logger_; }
  SpawnResult spawn(Process& process) override { return launcher_.spawn(process); }
  bool may_start(const Process&) const override { return state_ == SupervisorState::kRunning; }
  void state_changed(Process& process, ProcessState from, bool expected) override;

 private:
  void begin_stopping(SupervisorState mood);
  void stop_step();
  void report_waiting();
  void resolve_log_paths(ProcessGroup& group);

  EventLoop& loop_;
  Logger& logger_;
  const SupervisordConfig& config_;
  ChildLauncher& launcher_;
  std::map<std::string, std::unique_ptr<ProcessGroup>, std::less<>> groups_;
  SupervisorState state_ = SupervisorState::kRunning;
  bool stopping_ = false;
  std::vector<ProcessGroup*> stop_queue_;  // next group to stop at the back
  std::function<void()> on_stopped_;
  Timer stop_step_timer_;
  Timer report_timer_;
};

}  // namespace sn
