#include "supervisord/supervisor.h"

#include <algorithm>
#include <utility>

#include "lib/events/event_payload.h"
#include "supervisord/output/auto_child_logs.h"
#include "supervisord/process/adopted_child.h"
#include "supervisord/process/fcgi_listen_socket.h"

namespace sn {

std::vector<SharedGroupConfig> Supervisor::share(std::vector<GroupConfig> configs) {
  std::vector<SharedGroupConfig> out;
  out.reserve(configs.size());
  for (GroupConfig& g : configs) out.push_back(std::make_shared<const GroupConfig>(std::move(g)));
  return out;
}

Supervisor::Supervisor(EventLoop& loop, Logger& logger, SupervisordConfig& config, ChildLauncher& launcher)
    : loop_(loop),
      logger_(logger),
      config_(config),
      launcher_(launcher),
      group_configs_(share(std::exchange(config.groups, std::vector<GroupConfig>{}))),
      gate_(loop, registry_),
      hub_(loop, logger, config.identifier),
      stop_sequence_(loop, logger),
      save_children_timer_(loop.timers(),
                           [this] { save_children(config_.subprocpidfile, program_processes(), logger_); }),
      failure_timer_(loop.timers(),
                     [this] {
                       if (on_failure_action_ && !stopping_) on_failure_action_(failure_status_);
                     }),
      update_timer_(loop.timers(), [this] { finish_updates(); }) {
  if (!config_.statefile.empty())
    state_file_ = std::make_unique<OperatorStateFile>(config_.statefile, loop.clock(), loop.timers(), logger);
}

Supervisor::~Supervisor() = default;

std::vector<std::string> Supervisor::create_groups() {
  std::vector<std::string> errors;
  for (const SharedGroupConfig& g : group_configs_) {
    std::string error;
    if (!add_group(g, &error) && !error.empty()) errors.push_back(std::move(error));
  }
  return errors;
}

bool Supervisor::add_group(const SharedGroupConfig& config, std::string* error) {
  if (registry_.find(config->name)) return false;
  auto group = std::make_unique<ProcessGroup>(config, *this);
  if (config->fcgi_socket) {
    std::string why;
    UniqueFd socket = bind_fcgi_socket(*config->fcgi_socket, &why);
    if (!socket) {
      if (error) *error = "[fcgi-program:" + config->name + "] " + why;
      return false;
    }
    logger_.info("Creating socket " + config->fcgi_socket->url);
    group->set_listen_socket(std::move(socket));
  }
  resolve_log_paths(*group);
  ProcessGroup* added = registry_.add(std::move(group));
  gate_.groups_changed();
  if (config->kind == GroupConfig::Kind::kEventListenerPool) hub_.add_pool(*added);
  // After the pool exists: a pool hears of its own group, as in supervisor.
  hub_.bus().publish({EventType::kProcessGroupAdded, process_group_payload(config->name)});
  return true;
}

void Supervisor::resolve_log_paths(ProcessGroup& group) {
  for (const auto& p : group.processes()) resolve_log_paths(*p);
}

void Supervisor::resolve_log_paths(Process& process) {
  Process* p = &process;
  {
    std::string paths[2];
    const ChannelConfig* channels[2] = {&p->config().stdout_channel, &p->config().stderr_channel};
    const char* names[2] = {"stdout", "stderr"};
    for (int i = 0; i < 2; ++i) {
      const LogTarget& target = channels[i]->logfile;
      if (target.kind == LogTarget::Kind::kPath) {
        paths[i] = target.path;
      } else if (target.kind == LogTarget::Kind::kAuto) {
        std::string error;
        AutoChildLog log = create_auto_child_log(config_.childlogdir, p->name(), names[i], config_.identifier, &error);
        if (!error.empty()) logger_.error(error);
        paths[i] = std::move(log.path);
        p->set_prepared_log(i, std::move(log.fd));
      }
    }
    p->set_log_paths(paths[0], paths[1]);
  }
}

bool Supervisor::update_group(const SharedGroupConfig& config) {
  ProcessGroup* group = registry_.find(config->name);
  if (!group || stopping_ || updating(config->name) || !group->updatable_to(*config)) return false;
  for (Process* p : group->members_replaced_by(*config)) {
    if (p->waiting()) p->cancel_wait();
    if (is_running_state(p->state()) && !p->killing() && !p->stop_pending()) stop_process(*p);
  }
  pending_updates_.emplace(config->name, config);
  finish_updates();
  return true;
}

void Supervisor::finish_updates() {
  for (auto it = pending_updates_.begin(); it != pending_updates_.end();) {
    ProcessGroup* group = registry_.find(it->first);
    std::vector<Process*> replaced = group ? group->members_replaced_by(*it->second) : std::vector<Process*>{};
    bool ready = std::all_of(replaced.begin(), replaced.end(), [](Process* p) { return is_stopped_state(p->state()); });
    if (group && !ready && !stopping_) {
      ++it;
      continue;
    }
    if (group && !stopping_) {
      std::vector<Process*> created = group->apply(it->second);
      for (Process* p : created) resolve_log_paths(*p);
      gate_.groups_changed();
      logger_.info("updated " + group->name() + " in place: " + std::to_string(replaced.size()) +
                   " of its processes replaced (update_restarts=changed)");
      for (Process* p : created) p->start_if_autostart();
    }
    it = pending_updates_.erase(it);
  }
}

Supervisor::RemoveResult Supervisor::remove_group(const std::string& name) {
  ProcessGroup* group = registry_.find(name);
  if (!group) return RemoveResult::kNoSuchGroup;
  if (!group->unstopped().empty()) return RemoveResult::kStillRunning;
  hub_.remove_pool(name);
  if (group->config().fcgi_socket) logger_.info("Closing socket " + group->config().fcgi_socket->url);
  registry_.take(name);
  gate_.groups_changed();
  hub_.bus().publish({EventType::kProcessGroupRemoved, process_group_payload(name)});
  return RemoveResult::kRemoved;
}

void Supervisor::start_autostart() {
  for (ProcessGroup* g : groups()) g->start_autostart();
}

void Supervisor::resume_children() {
  if (!children_outlive_daemon()) return;
  adopt_children(config_.subprocpidfile, program_processes(), loop_, logger_);
  save_children(config_.subprocpidfile, program_processes(), logger_);  // without the entries that are gone
}

std::vector<Process*> Supervisor::program_processes() const {
  std::vector<Process*> out;
  for (ProcessGroup* g : groups()) {
    if (g->config().kind == GroupConfig::Kind::kEventListenerPool) continue;
    for (const auto& p : g->processes()) out.push_back(p.get());
  }
  return out;
}

std::vector<ProcessGroup*> Supervisor::groups_to_stop() const {
  std::vector<ProcessGroup*> out = groups();
  if (children_outlive_daemon())
    std::erase_if(out, [](ProcessGroup* g) { return g->config().kind != GroupConfig::Kind::kEventListenerPool; });
  return out;
}

std::vector<Process*> Supervisor::unstopped_processes() const {
  std::vector<Process*> out;
  for (ProcessGroup* g : groups_to_stop()) {
    std::vector<Process*> u = g->unstopped();
    out.insert(out.end(), u.begin(), u.end());
  }
  return out;
}

void Supervisor::shutdown() { begin_stopping(SupervisorState::kShutdown); }

void Supervisor::restart() { begin_stopping(SupervisorState::kRestarting); }

void Supervisor::begin_stopping(SupervisorState mood) {
  state_ = mood;
  if (stopping_) return;
  stopping_ = true;
  if (state_file_) state_file_->flush();
  gate_.cancel_waits();
  hub_.bus().publish({EventType::kSupervisorStateChangeStopping, ""});
  if (children_outlive_daemon()) {
    logger_.info("exiting without killing managed sub-processes");
    save_children_timer_.cancel();
    save_children(config_.subprocpidfile, program_processes(), logger_);
  }
  stop_sequence_.begin(
      groups_to_stop(), [this] { return unstopped_processes(); }, [this] { stopped(); });
}

void Supervisor::stopped() {
  if (children_outlive_daemon()) {
    save_children_timer_.cancel();
    save_children(config_.subprocpidfile, program_processes(), logger_);
  }
  if (on_stopped_) on_stopped_();
}

void Supervisor::state_changed(Process& process, ProcessState from, bool expected) {
  stop_sequence_.changed();
  gate_.changed();
  // A spawn's child exists only once the transition to STARTING is over.
  if (children_outlive_daemon() && !save_children_timer_.armed())
    save_children_timer_.arm_at(loop_.clock().monotonic_ns());
  hub_.state_changed(process, from, expected);
  for (const StateListener& listener : state_listeners_) listener(process, from, expected);
  check_failure_action(process);
  if (!pending_updates_.empty() && !update_timer_.armed()) update_timer_.arm_at(loop_.clock().monotonic_ns());
}

void Supervisor::check_failure_action(const Process& process) {
  if (stopping_ || failure_timer_.armed()) return;
  const ProcessConfig& c = process.config();
  const FailureAction* action = nullptr;
  std::string why;
  if (process.state() == ProcessState::kFatal && c.fatal_action.active()) {
    action = &c.fatal_action;
    why = "entered FATAL state (fatal_action=" + c.fatal_action.text() + ")";
  } else if (process.state() == ProcessState::kExited && c.exit_action.active() && !process.restarts_after_exit()) {
    action = &c.exit_action;
    why = "exited and is not restarted (exit_action=" + c.exit_action.text() + ")";
  }
  if (!action) return;
  failure_status_ = action->status;
  logger_.critical(process.namespec() + " " + why + ": stopping every process, then supervisord exits with status " +
                   std::to_string(action->status));
  failure_timer_.arm_at(loop_.clock().monotonic_ns());
}

void Supervisor::reopen_logs() {
  for (ProcessGroup* g : registry_.by_name()) g->reopen_logs();
}

}  // namespace sn
