#include "supervisord/process/process_group.h"

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

void ProcessGroup::set_listen_socket(UniqueFd socket) {
  listen_socket_ = std::move(socket);
  for (const auto& p : processes_) p->set_listen_socket(listen_socket_.get());
}

void ProcessGroup::reopen_logs() {
  for (const auto& p : processes_)
    if (ChildHandle* child = p->child()) child->reopen_logs();
}

}  // namespace sn
