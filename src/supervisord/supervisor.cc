#include "supervisord/supervisor.h"

#include <algorithm>

#include "lib/events/event_payload.h"
#include "lib/util/strings.h"
#include "supervisord/events/process_events.h"
#include "supervisord/output/auto_child_logs.h"
#include "supervisord/process/adopted_child.h"

namespace sn {
namespace {

constexpr int64_t kWaitingReportInterval = 3 * kNanosPerSecond;

}  // namespace

std::vector<SharedGroupConfig> Supervisor::share(std::vector<GroupConfig> configs) {
  std::vector<SharedGroupConfig> out;
  out.reserve(configs.size());
  for (GroupConfig& g : configs) out.push_back(std::make_shared<const GroupConfig>(std::move(g)));
  return out;
}

Supervisor::Supervisor(EventLoop& loop, Logger& logger, const SupervisordConfig& config,
                       std::vector<GroupConfig> groups, ChildLauncher& launcher)
    : loop_(loop),
      logger_(logger),
      config_(config),
      launcher_(launcher),
      group_configs_(share(std::move(groups))),
      stop_step_timer_(loop.timers(), [this] { stop_step(); }),
      report_timer_(loop.timers(), [this] { report_waiting(); }),
      save_children_timer_(loop.timers(),
                           [this] { save_children(config_.subprocpidfile, program_processes(), logger_); }) {
  events_.set_on_subscriptions_changed([this] { ticks_.update(); });
}

Supervisor::~Supervisor() = default;

void Supervisor::create_groups() {
  for (const SharedGroupConfig& g : group_configs_) add_group(g);
}

bool Supervisor::add_group(const SharedGroupConfig& config) {
  if (groups_.count(config->name)) return false;
  auto group = std::make_unique<ProcessGroup>(config, *this);
  resolve_log_paths(*group);
  added_order_.push_back(group.get());
  ProcessGroup& added = *group;
  groups_.emplace(config->name, std::move(group));
  if (config->kind == GroupConfig::Kind::kEventListenerPool) {
    pools_[config->name] = std::make_unique<ListenerPool>(added, events_, logger_, config_.identifier);
  }
  // After the pool exists: a pool hears of its own group, as in supervisor.
  events_.publish({EventType::kProcessGroupAdded, process_group_payload(config->name)});
  return true;
}

void Supervisor::resolve_log_paths(ProcessGroup& group) {
  for (const auto& p : group.processes()) {
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

Supervisor::RemoveResult Supervisor::remove_group(const std::string& name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) return RemoveResult::kNoSuchGroup;
  if (!it->second->unstopped().empty()) return RemoveResult::kStillRunning;
  std::erase(added_order_, it->second.get());
  pools_.erase(name);
  groups_.erase(it);
  events_.publish({EventType::kProcessGroupRemoved, process_group_payload(name)});
  return RemoveResult::kRemoved;
}

ProcessGroup* Supervisor::find_group(std::string_view name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : it->second.get();
}

std::vector<ProcessGroup*> Supervisor::groups() const {
  std::vector<ProcessGroup*> out = added_order_;
  std::stable_sort(out.begin(), out.end(), [](const ProcessGroup* a, const ProcessGroup* b) {
    return a->config().priority < b->config().priority;
  });
  return out;
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
  events_.publish({EventType::kSupervisorStateChangeStopping, ""});
  if (children_outlive_daemon()) {
    logger_.info("exiting without killing managed sub-processes");
    save_children_timer_.cancel();
    save_children(config_.subprocpidfile, program_processes(), logger_);
  }
  stop_queue_ = groups_to_stop();
  report_waiting();
  stop_step();
}

void Supervisor::stop_step() {
  while (!stop_queue_.empty()) {
    ProcessGroup* group = stop_queue_.back();
    group->stop_all();
    if (!group->unstopped().empty()) return;  // continue when they have stopped
    stop_queue_.pop_back();
  }
  if (!unstopped_processes().empty()) return;
  report_timer_.cancel();
  if (children_outlive_daemon()) {
    save_children_timer_.cancel();
    save_children(config_.subprocpidfile, program_processes(), logger_);
  }
  if (on_stopped_) on_stopped_();
}

void Supervisor::report_waiting() {
  std::vector<Process*> waiting = unstopped_processes();
  if (waiting.empty()) return;
  std::vector<std::string> names;
  for (Process* p : waiting) names.push_back(p->name());
  logger_.info("waiting for " + join(names, ", ") + " to die");
  for (Process* p : waiting) logger_.blather(p->name() + " state: " + std::string(process_state_name(p->state())));
  report_timer_.arm_at(loop_.clock().monotonic_ns() + kWaitingReportInterval);
}

void Supervisor::state_changed(Process& process, ProcessState from, bool expected) {
  // Continue an ordered stop on the next loop round, not from inside the
  // transition that is still running.
  if (stopping_ && !stop_step_timer_.armed()) stop_step_timer_.arm_at(loop_.clock().monotonic_ns());
  // A spawn's child exists only once the transition to STARTING is over.
  if (children_outlive_daemon() && !save_children_timer_.armed())
    save_children_timer_.arm_at(loop_.clock().monotonic_ns());
  // A dead listener's event goes back first: it is older than this change.
  if (ListenerPool* pool = find_pool(process.group_name())) pool->on_state_changed(process);
  if (!pools_.empty()) events_.publish(process_state_event(process, from, expected));  // no text for nobody
  for (const StateListener& listener : state_listeners_) listener(process, from, expected);
}

ListenerPool* Supervisor::find_pool(std::string_view group) const {
  auto it = pools_.find(group);
  return it == pools_.end() ? nullptr : it->second.get();
}

void Supervisor::process_output(Process& process, std::string_view channel, std::string_view data) {
  if (pools_.empty()) return;
  EventType type = channel == "stdout" ? EventType::kProcessLogStdout : EventType::kProcessLogStderr;
  events_.publish({type, process_log_payload(process.name(), process.group_name(), process.pid(), channel, data)});
}

void Supervisor::process_communication(Process& process, std::string_view channel, std::string_view data) {
  EventType type =
      channel == "stdout" ? EventType::kProcessCommunicationStdout : EventType::kProcessCommunicationStderr;
  events_.publish({type, process_communication_payload(process.name(), process.group_name(), process.pid(), data)});
  logger_.debug(py_repr(process.name()) + " " + std::string(channel) + " emitted a comm event");
}

void Supervisor::listener_output(Process& listener, std::string_view data) {
  if (ListenerPool* pool = find_pool(listener.group_name())) pool->on_listener_output(listener, data);
}

std::vector<Process*> Supervisor::processes_by_priority() const {
  std::vector<Process*> out;
  for (ProcessGroup* g : groups())
    for (const auto& p : g->processes()) out.push_back(p.get());
  return out;
}

std::vector<Process*> Supervisor::processes_by_name() const {
  std::vector<Process*> out;
  for (const auto& [name, g] : groups_) {
    size_t first = out.size();
    for (const auto& p : g->processes()) out.push_back(p.get());
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const Process* a, const Process* b) { return a->name() < b->name(); });
  }
  return out;
}

void Supervisor::reopen_logs() {
  for (const auto& [name, g] : groups_) g->reopen_logs();
}

}  // namespace sn
