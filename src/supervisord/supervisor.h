// The daemon's process side: the group configurations it owns, the active
// groups (a GroupRegistry), their events (a ProcessEventHub), the daemon's
// mood, and the ordered stop of everything at shutdown or restart (a
// StopSequence). Driven
// by the event loop through timers and child exits; no polling.
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
#include "supervisord/events/process_event_hub.h"
#include "supervisord/process/group_registry.h"
#include "supervisord/process/operator_state_file.h"
#include "supervisord/process/process_group.h"
#include "supervisord/process/start_gate.h"
#include "supervisord/process/stop_sequence.h"

namespace sn {

class Supervisor final : public ProcessHost {
 public:
  // Takes the group configurations out of `config` (its `groups` is empty
  // afterwards: group_configs() holds them); the rest of `config` must
  // outlive the supervisor.
  Supervisor(EventLoop& loop, Logger& logger, SupervisordConfig& config, ChildLauncher& launcher);
  ~Supervisor() override;

  // Creates every configured group; nothing starts yet. The reasons of the
  // groups that could not be created (an fcgi-program's socket).
  std::vector<std::string> create_groups();
  // Starts the autostart processes of every group, lowest priority first.
  void start_autostart();
  // subprocpidfile: adopts the programs' children an earlier supervisord
  // left running. Before start_autostart.
  void resume_children();

  // Activates a group (creating its AUTO logs, binding an fcgi-program's
  // socket); false if it is already active, or (with the reason in
  // `error`) when its socket cannot be bound.
  bool add_group(const SharedGroupConfig& config, std::string* error = nullptr);
  // update_restarts=changed: updates the active group of `config`'s name in
  // place (see ProcessGroup::apply), once the members it replaces have
  // stopped; false when that cannot be done (no such group, the group
  // itself changed, an update under way).
  bool update_group(const SharedGroupConfig& config);
  // An update of `name` is waiting for members to stop.
  bool updating(std::string_view name) const { return pending_updates_.count(std::string(name)) > 0; }
  // Applies the updates whose replaced members have all stopped. Never
  // from inside a state change: it destroys processes.
  void finish_updates();
  enum class RemoveResult { kRemoved, kNoSuchGroup, kStillRunning };
  RemoveResult remove_group(const std::string& name);
  ProcessGroup* find_group(std::string_view name) const { return registry_.find(name); }
  // Active groups by priority; equal priorities in the order they were added.
  std::vector<ProcessGroup*> groups() const { return registry_.by_priority(); }
  const std::vector<ProcessGroup*>& groups_as_added() const { return registry_.as_added(); }

  SupervisorState state() const { return state_; }
  // Stops every group, highest priority first, one group at a time; then
  // calls the stopped callback. Restart differs only in what follows.
  // With subprocpidfile only the event listeners are stopped (their
  // protocol runs over pipes that end with supervisord); programs go on.
  void shutdown();
  void restart();
  bool stopping() const { return stopping_; }
  void set_on_stopped(std::function<void()> callback) { on_stopped_ = std::move(callback); }
  // fatal_action= / exit_action=: a program asked supervisord to stop
  // everything and exit with `status`. Called a loop round after the
  // transition, once.
  void set_on_failure_action(std::function<void(int status)> callback) { on_failure_action_ = std::move(callback); }
  // statefile=: an operator started or stopped `process` by hand.
  void remember_operator(const Process& process, OperatorStateFile::Intent intent) {
    if (state_file_) state_file_->remember(process.namespec(), intent);
  }
  // Processes that must stop before supervisord can leave.
  std::vector<Process*> unstopped_processes() const;

  void reopen_logs();
  const SupervisordConfig& config() const { return config_; }

  // Events: published here, received by the [eventlistener:x] pools.
  EventBus& events() { return hub_.bus(); }
  ListenerPool* find_pool(std::string_view group) const { return hub_.find_pool(group); }

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
  std::vector<Process*> processes_by_priority() const { return registry_.processes_by_priority(); }
  // Every process, groups and processes sorted by name.
  std::vector<Process*> processes_by_name() const { return registry_.processes_by_name(); }

  // ProcessHost
  const Clock& clock() const override { return loop_.clock(); }
  TimerQueue& timers() override { return loop_.timers(); }
  Logger& logger() override { return logger_; }
  // A child's output reaches the event hub.
  SpawnResult spawn(Process& process) override { return launcher_.spawn(process, hub_); }
  bool may_start(const Process&) const override { return state_ == SupervisorState::kRunning; }
  bool hold_start(Process& process, StartCause cause) override { return gate_.hold(process, cause); }
  // Stops `process`, its dependents first. "" or the error text.
  std::string stop_process(Process& process) override { return gate_.stop(process); }
  const StartGate& start_gate() const { return gate_; }
  void health_changed(Process& process, Health from) override { hub_.health_changed(process, from); }
  void state_changed(Process& process, ProcessState from, bool expected) override;
  bool children_outlive_daemon() const override { return !config_.subprocpidfile.empty(); }
  bool wants_autostart(const Process& process) const override {
    return state_file_ ? state_file_->wants_autostart(process.namespec(), process.config().autostart)
                       : process.config().autostart;
  }

 private:
  static std::vector<SharedGroupConfig> share(std::vector<GroupConfig> configs);
  void begin_stopping(SupervisorState mood);
  void stopped();
  void resolve_log_paths(ProcessGroup& group);
  void resolve_log_paths(Process& process);
  void check_failure_action(const Process& process);
  // The groups a shutdown or restart stops.
  std::vector<ProcessGroup*> groups_to_stop() const;
  std::vector<Process*> program_processes() const;

  EventLoop& loop_;
  Logger& logger_;
  const SupervisordConfig& config_;
  ChildLauncher& launcher_;
  std::vector<SharedGroupConfig> group_configs_;
  // Declared before the hub: the pools (which refer to groups) go first.
  GroupRegistry registry_;
  StartGate gate_;
  ProcessEventHub hub_;
  SupervisorState state_ = SupervisorState::kRunning;
  bool stopping_ = false;
  std::function<void()> on_stopped_;
  std::vector<StateListener> state_listeners_;
  bool reread_ = false;
  StopSequence stop_sequence_;
  Timer save_children_timer_;  // subprocpidfile: rewritten a loop round after any change
  std::unique_ptr<OperatorStateFile> state_file_;
  std::function<void(int)> on_failure_action_;
  int failure_status_ = 0;
  Timer failure_timer_;  // fatal_action / exit_action: acts outside the transition
  std::map<std::string, SharedGroupConfig, std::less<>> pending_updates_;
  Timer update_timer_;  // applies them outside the transition that stopped the last member
};

}  // namespace sn
