#include "supervisord/process/process_group.h"

#include <algorithm>

namespace sn {

ProcessGroup::ProcessGroup(SharedGroupConfig config, ProcessHost& host) : config_(std::move(config)), host_(host) {
  processes_.reserve(config_->processes.size());
  for (const ProcessConfig& p : config_->processes) processes_.push_back(std::make_unique<Process>(p, name(), host));
}

Process* ProcessGroup::find(std::string_view process_name) const {
  for (const auto& p : processes_)
    if (p->name() == process_name) return p.get();
  return nullptr;
}

void ProcessGroup::start_autostart() {
  for (const auto& p : processes_) p->start_if_autostart();
}

void ProcessGroup::stop_all() {
  for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
    Process& p = **it;
    switch (p.state()) {
      case ProcessState::kRunning:
      case ProcessState::kStarting:
        if (!p.stop_pending() && !p.killing()) host_.stop_process(p);
        break;
      case ProcessState::kBackoff: p.give_up(); break;
      default: break;
    }
  }
}

std::vector<Process*> ProcessGroup::unstopped() const {
  std::vector<Process*> out;
  for (const auto& p : processes_)
    if (!is_stopped_state(p->state())) out.push_back(p.get());
  return out;
}

bool ProcessGroup::updatable_to(const GroupConfig& next) const {
  const GroupConfig& now = *config_;
  bool plain = now.kind != GroupConfig::Kind::kEventListenerPool && !now.fcgi_socket && !next.fcgi_socket;
  return plain && next.name == now.name && next.kind == now.kind && next.priority == now.priority;
}

namespace {

const ProcessConfig* member_named(const GroupConfig& config, const std::string& name) {
  for (const ProcessConfig& p : config.processes)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace

std::vector<Process*> ProcessGroup::members_replaced_by(const GroupConfig& next) const {
  std::vector<Process*> out;
  for (const auto& p : processes_) {
    const ProcessConfig* same = member_named(next, p->name());
    if (!same || !(*same == p->config())) out.push_back(p.get());
  }
  return out;
}

std::vector<Process*> ProcessGroup::apply(SharedGroupConfig next) {
  std::vector<std::unique_ptr<Process>> old = std::move(processes_);
  processes_.clear();
  std::vector<Process*> created;
  for (const ProcessConfig& c : next->processes) {
    auto kept = std::find_if(old.begin(), old.end(), [&](const auto& p) { return p && p->config() == c; });
    if (kept != old.end()) {
      (*kept)->rebind_config(c);
      processes_.push_back(std::move(*kept));
    } else {
      processes_.push_back(std::make_unique<Process>(c, next->name, host_));
      created.push_back(processes_.back().get());
    }
  }
  config_ = std::move(next);
  return created;
}

void ProcessGroup::set_listen_socket(UniqueFd socket) {
  listen_socket_ = std::move(socket);
  for (const auto& p : processes_) p->set_listen_socket(listen_socket_.get());
}

void ProcessGroup::reopen_logs() {
  for (const auto& p : processes_)
    if (ChildHandle* child = p->child()) child->reopen_logs();
}

}  // namespace sn
