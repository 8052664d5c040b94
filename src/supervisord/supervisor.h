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
#include "supervisord/events/event_bus.h"
#include "supervisord/events/listener_pool.h"
#include "supervisord/events/tick_timers.h"
#include "supervisord/process/process_group.h"

namespace sn {

class Supervisor final : public ProcessHost {
 public:
  Supervisor(EventLoop& loop, Logger& logger, const SupervisordConfig& config, ChildLauncher& launcher)
      : Supervisor(loop, logger, config, config.groups, launcher) {}
  // The groups are taken apart from `config` so that the daemon can move
  // them in rather than keep a second copy.
  Supervisor(EventLoop& loop, Logger& logger, const SupervisordConfig& config, std::vector<GroupConfig> groups,
             ChildLauncher& launcher);
  ~Supervisor() override;

  // Creates every configured group; nothing starts yet.
  void create_groups();
  // Starts the autostart processes of every group, lowest priority first.
  void start_autostart();
  // subprocpidfile: adopts the programs' children an earlier supervisord
  // left running. Before start_autostart.
  void resume_children();

  // Activates a group (creating its AUTO logs); false if it is already active.
  bool add_group(const SharedGroupConfig& config);
  enum class RemoveResult { kRemoved, kNoSuchGroup, kStillRunning };
  RemoveResult remove_group(const std::string& name);
  ProcessGroup* find_group(std::string_view name) const;
  // Active groups by priority; equal priorities in the order they were added.
  std::vector<ProcessGroup*> groups() const;
  const std::vector<ProcessGroup*>& groups_as_added() const { return added_order_; }

  SupervisorState state() const { return state_; }
  // Stops every group, highest priority first, one group at a time; then
  // calls the stopped callback. Restart differs only in what follows.
  // With subprocpidfile only the event listeners are stopped (their
  // protocol runs over pipes that end with supervisord); programs go on.
  void shutdown();
  void restart();
  bool stopping() const { return stopping_; }
  void set_on_stopped(std::function<void()> callback) { on_stopped_ = std::move(callback); }
  // Processes that must stop before supervisord can leave.
  std::vector<Process*> unstopped_processes() const;

  void reopen_logs();
  const SupervisordConfig& config() const { return config_; }

  // Events: published here, received by the [eventlistener:x] pools.
  EventBus& events() { return events_; }
  // What an event listener wrote on stdout (the protocol side of it).
  void listener_output(Process& listener, std::string_view data);
  // Output of a process whose <channel>_events_enabled is set.
  void process_output(Process& process, std::string_view channel, std::string_view data);
  // A finished capture (<channel>_capture_maxbytes): PROCESS_COMMUNICATION_*.
  void process_communication(Process& process, std::string_view channel, std::string_view data);
  ListenerPool* find_pool(std::string_view group) const;

  // Called after every process state change, outside the transition itself
  // is not guaranteed: listeners must not destroy processes.
  using StateListener = std::function<void(Process&, ProcessState from, bool expected)>;
  void add_state_listener(StateListener listener) { state_listeners_.push_back(std::move(listener)); }

  // Group configurations as last read (reloadConfig replaces them); the
  // active groups are what runs.
  const std::vector<SharedGroupConfig>& group_configs() const { return group_configs_; }
  void set_group_configs(std::vector<GroupConfig> configs) {
    group_configs_ = share(std::move(configs));
    reread_ = true;
  }
  bool reread_happened() const { return reread_; }
  // Every process, groups by (priority, name) and processes by (priority, name).
  std::vector<Process*> processes_by_priority() const;
  // Every process, groups and processes sorted by name.
  std::vector<Process*> processes_by_name() const;

  // ProcessHost
  const Clock& clock() const override { return loop_.clock(); }
  TimerQueue& timers() override { return loop_.timers(); }
  Logger& logger() override { return logger_; }
  SpawnResult spawn(Process& process) override { return launcher_.spawn(process); }
  bool may_start(const Process&) const override { return state_ == SupervisorState::kRunning; }
  void state_changed(Process& process, ProcessState from, bool expected) override;
  bool children_outlive_daemon() const override { return !config_.subprocpidfile.empty(); }

 private:
  static std::vector<SharedGroupConfig> share(std::vector<GroupConfig> configs);
  void begin_stopping(SupervisorState mood);
  void stop_step();
  void report_waiting();
  void resolve_log_paths(ProcessGroup& group);
  // The groups a shutdown or restart stops.
  std::vector<ProcessGroup*> groups_to_stop() const;
  std::vector<Process*> program_processes() const;

  EventLoop& loop_;
  Logger& logger_;
  const SupervisordConfig& config_;
  ChildLauncher& launcher_;
  std::map<std::string, std::unique_ptr<ProcessGroup>, std::less<>> groups_;
  // Active groups in the order they were added (the configuration's
  // (priority, name) order at start, then addProcessGroup order): among
  // equal priorities supervisor starts, stops and lists them in this order.
  std::vector<ProcessGroup*> added_order_;
  SupervisorState state_ = SupervisorState::kRunning;
  bool stopping_ = false;
  std::vector<ProcessGroup*> stop_queue_;  // next group to stop at the back
  std::function<void()> on_stopped_;
  std::vector<StateListener> state_listeners_;
  std::vector<SharedGroupConfig> group_configs_;
  bool reread_ = false;
  EventBus events_;
  TickTimers ticks_{loop_, events_};
  std::map<std::string, std::unique_ptr<ListenerPool>, std::less<>> pools_;
  Timer stop_step_timer_;
  Timer report_timer_;
  Timer save_children_timer_;  // subprocpidfile: rewritten a loop round after any change
};

}  // namespace sn
