// depends_on at run time. A start waits until everything the process
// depends on is ready (RUNNING, or a one-shot that exited as expected with
// autorestart=false); an operator's start also starts what is missing, as
// systemd pulls in what a unit requires, while the daemon's own starts
// (autostart, autorestart, retries) start only what never ran, so a
// dependency that went FATAL leaves its dependents waiting. A stop stops
// the dependents first. Checks run a loop round after a state change, and
// not at all when no process has depends_on.
#pragma once

#include <string>
#include <vector>

#include "lib/util/event_loop.h"
#include "supervisord/process/group_registry.h"

namespace sn {

class StartGate {
 public:
  StartGate(EventLoop& loop, const GroupRegistry& registry);

  // The groups changed (added, removed): whether any process has depends_on.
  void groups_changed();
  // ProcessHost::hold_start: true when `process` must wait.
  bool hold(Process& process, StartCause cause);
  // Stops `process` once its dependents have stopped (they are stopped now).
  // "" or the error text.
  std::string stop(Process& process);
  // A state changed: waiting starts and pending stops are looked at again.
  void changed();
  // supervisord stops: nothing waits any longer.
  void cancel_waits();
  // A waiting process whose start cannot happen without an operator: a
  // dependency is FATAL, or exited for good.
  bool blocked(const Process& process) const;

  std::vector<Process*> dependencies(const Process& process) const;
  std::vector<Process*> dependents(const Process& process) const;
  static bool is_ready(const Process& process);

 private:
  void step();
  void pull(Process& dependency, StartCause cause);
  std::vector<Process*> unready_dependencies(const Process& process) const;
  static std::string describe(const std::vector<Process*>& missing);

  const GroupRegistry& registry_;
  bool any_ = false;
  Timer step_timer_;
  EventLoop& loop_;
};

}  // namespace sn
