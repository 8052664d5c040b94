// Tested by t/unit/start_gate_test.cc (a fake clock and fake children) and
// t/integration/test_readiness.py.
#include "supervisord/process/start_gate.h"

#include <algorithm>

#include "lib/config/start_dependencies.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

bool exited_for_good(const Process& p) {
  return p.state() == ProcessState::kExited && p.config().autorestart == AutoRestart::kNever;
}

bool expected_exit(const Process& p) {
  const std::vector<int>& codes = p.config().exitcodes;
  return p.exit_status() && std::find(codes.begin(), codes.end(), *p.exit_status()) != codes.end();
}

}  // namespace

StartGate::StartGate(EventLoop& loop, const GroupRegistry& registry)
    : registry_(registry), step_timer_(loop.timers(), [this] { step(); }), loop_(loop) {}

void StartGate::groups_changed() {
  any_ = false;
  for (Process* p : registry_.processes_by_priority())
    if (!p->config().depends_on.empty()) any_ = true;
}

bool StartGate::is_ready(const Process& p) {
  return p.state() == ProcessState::kRunning || (exited_for_good(p) && expected_exit(p));
}

std::vector<Process*> StartGate::dependencies(const Process& process) const {
  std::vector<Process*> out;
  if (process.config().depends_on.empty()) return out;
  for (Process* q : registry_.processes_by_priority()) {
    if (q == &process) continue;
    for (const std::string& token : process.config().depends_on) {
      if (dependency_matches(token, q->group_name(), q->config())) {
        out.push_back(q);
        break;
      }
    }
  }
  return out;
}

std::vector<Process*> StartGate::dependents(const Process& process) const {
  std::vector<Process*> out;
  if (!any_) return out;
  for (Process* q : registry_.processes_by_priority()) {
    std::vector<Process*> needs = dependencies(*q);
    if (std::find(needs.begin(), needs.end(), &process) != needs.end()) out.push_back(q);
  }
  return out;
}

std::vector<Process*> StartGate::unready_dependencies(const Process& process) const {
  std::vector<Process*> out = dependencies(process);
  std::erase_if(out, [](Process* q) { return is_ready(*q); });
  return out;
}

// "db, cache:c1 (FATAL)": the state is said where it is not on its way up.
std::string StartGate::describe(const std::vector<Process*>& missing) {
  std::vector<std::string> names;
  for (Process* q : missing) {
    std::string name = q->namespec();
    if (q->state() != ProcessState::kStarting && !q->waiting())
      name += " (" + std::string(process_state_name(q->state())) + ")";
    names.push_back(std::move(name));
  }
  return join(names, ", ");
}

bool StartGate::hold(Process& process, StartCause cause) {
  if (!any_ || process.config().depends_on.empty()) return false;
  std::vector<Process*> missing = unready_dependencies(process);
  if (missing.empty()) return false;
  for (Process* q : missing) pull(*q, cause);
  process.set_waiting_for(describe(unready_dependencies(process)));
  return true;
}

void StartGate::pull(Process& q, StartCause cause) {
  if (q.waiting() || q.child()) return;
  bool pulled =
      q.state() == ProcessState::kStopped ||
      (cause == StartCause::kRequested && (q.state() == ProcessState::kExited || q.state() == ProcessState::kFatal));
  if (pulled) q.start(cause);
}

bool StartGate::blocked(const Process& process) const {
  for (Process* q : unready_dependencies(process)) {
    if (q->state() == ProcessState::kFatal || (exited_for_good(*q) && !q->waiting())) return true;
    if (q->waiting() && blocked(*q)) return true;
  }
  return false;
}

std::string StartGate::stop(Process& process) {
  for (Process* q : dependents(process)) {
    if (q->waiting() && !q->child()) q->cancel_wait();
    if (is_running_state(q->state()) && !q->stop_pending() && !q->killing()) stop(*q);
  }
  for (Process* q : dependents(process)) {
    if (!is_stopped_state(q->state())) {
      process.set_stop_pending(true);
      return "";
    }
  }
  return process.stop();
}

void StartGate::changed() {
  if (any_ && !step_timer_.armed()) step_timer_.arm_at(loop_.clock().monotonic_ns());
}

void StartGate::cancel_waits() {
  if (!any_) return;
  for (Process* p : registry_.processes_by_priority())
    if (p->waiting()) p->cancel_wait();
}

void StartGate::step() {
  for (Process* p : registry_.processes_by_priority()) {
    if (p->waiting()) {
      std::vector<Process*> missing = unready_dependencies(*p);
      if (missing.empty()) p->spawn();
      else p->set_waiting_for(describe(missing));
    }
    if (p->stop_pending()) {
      std::vector<Process*> up = dependents(*p);
      std::erase_if(up, [](Process* q) { return is_stopped_state(q->state()); });
      if (up.empty()) {
        p->set_stop_pending(false);
        p->stop();
      }
    }
  }
}

}  // namespace sn
