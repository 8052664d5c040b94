// Tested by t/compat/test_xmlrpc_compat.py (every method, against Python supervisord).
// supervisor.startProcess, startProcessGroup, startAllProcesses,
// stopProcess, stopProcessGroup, stopAllProcesses, signalProcess,
// signalProcessGroup, signalAllProcesses.
#include "lib/util/signals.h"
#include "supervisord/process/command_resolver.h"
#include "supervisord/rpc/group_operation.h"
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

// Finds a process again by name (a deferred call must not keep a pointer
// to a process whose group may be removed meanwhile).
Process* find(const Supervisor& s, const std::string& group, const std::string& name) {
  ProcessGroup* g = s.find_group(group);
  return g ? g->find(name) : nullptr;
}

void start_process(RpcContext& c, Process& p, const std::string& name, bool wait, RpcDone done) {
  c.check_running();
  ResolvedCommand command = resolve_command(p.config(), c.inherited_path);
  if (command.problem == ResolvedCommand::Problem::kNotFound) throw RpcError(FaultCode::kNoFile, command.error);
  if (!command.ok()) throw RpcError(FaultCode::kNotExecutable, command.error);
  if (is_running_state(p.state())) throw RpcError(FaultCode::kAlreadyStarted, name);
  if (p.state() == ProcessState::kUnknown) throw RpcError(FaultCode::kFailed, name + " is in an unknown process state");
  c.supervisor.remember_operator(p, OperatorStateFile::Intent::kStarted);
  p.start(StartCause::kRequested);
  if (!p.waiting() && !p.spawn_error().empty()) throw RpcError(FaultCode::kSpawnError, name);
  if (!wait || p.state() == ProcessState::kRunning) return done(RpcResult::of(true));
  c.pending.add([&c, group = p.group_name(), pname = p.name(), name, done]() {
    Process* q = find(c.supervisor, group, pname);
    if (q && q->waiting()) {
      // Held by its start dependencies: done when one of them cannot start.
      if (!c.supervisor.start_gate().blocked(*q)) return false;
      done(RpcResult::error(Fault::of(FaultCode::kSpawnError, name)));
    } else if (q && !q->spawn_error().empty()) {
      done(RpcResult::error(Fault::of(FaultCode::kSpawnError, name)));
    } else if (!q || (q->state() != ProcessState::kStarting && q->state() != ProcessState::kRunning)) {
      done(RpcResult::error(Fault::of(FaultCode::kAbnormalTermination, name)));
    } else if (q->state() == ProcessState::kRunning) {
      done(RpcResult::of(true));
    } else {
      return false;
    }
    return true;
  });
}

void stop_process(RpcContext& c, Process& p, const std::string& name, bool wait, RpcDone done) {
  c.check_running();
  if (p.waiting() && !is_running_state(p.state())) {
    c.supervisor.remember_operator(p, OperatorStateFile::Intent::kStopped);
    p.cancel_wait();  // a start that had not happened yet
    return done(RpcResult::of(true));
  }
  if (!is_running_state(p.state())) throw RpcError(FaultCode::kNotRunning, name);
  c.supervisor.remember_operator(p, OperatorStateFile::Intent::kStopped);
  std::string error = c.supervisor.stop_process(p);
  if (!error.empty()) throw RpcError(FaultCode::kFailed, error);
  if (!wait || is_stopped_state(p.state())) return done(RpcResult::of(true));
  c.pending.add([&c, group = p.group_name(), pname = p.name(), done]() {
    Process* q = find(c.supervisor, group, pname);
    if (q && !is_stopped_state(q->state())) return false;
    done(RpcResult::of(true));
    return true;
  });
}

int signal_param(const RpcParams& params, size_t i) {
  const XmlRpcValue& v = params.at(i);
  std::optional<int> sig;
  std::string as_text;
  if (v.is(XmlRpcValue::Type::kInt)) {
    as_text = std::to_string(v.as_int());
  } else if (v.is(XmlRpcValue::Type::kString)) {
    as_text = v.as_string();
  } else {
    throw RpcError(FaultCode::kBadSignal);
  }
  sig = parse_signal(as_text);
  if (!sig) throw RpcError(FaultCode::kBadSignal, as_text);
  return *sig;
}

void signal_process(Process& p, const std::string& name, const RpcParams& params, size_t signal_index, RpcDone done) {
  int sig = signal_param(params, signal_index);
  if (!is_signallable_state(p.state())) throw RpcError(FaultCode::kNotRunning, name);
  std::string error = p.send_signal(sig);
  if (!error.empty()) throw RpcError(FaultCode::kFailed, error);
  done(RpcResult::of(true));
}

ProcessGroup& group_named(const Supervisor& s, const std::string& name) {
  ProcessGroup* g = s.find_group(name);
  if (!g) throw RpcError(FaultCode::kBadName, name);
  return *g;
}

std::vector<Process*> members(const ProcessGroup& g) {
  std::vector<Process*> out;
  for (const auto& p : g.processes()) out.push_back(p.get());
  return out;
}

bool not_running(const Process& p) { return !is_running_state(p.state()); }
// A waiting start is stopped too: it is cancelled.
bool running(const Process& p) { return is_running_state(p.state()) || p.waiting(); }
bool signallable(const Process& p) { return is_signallable_state(p.state()); }

}  // namespace

void add_process_control_methods(RpcRegistry& r, RpcContext& c) {
  auto start_group = [&c](const std::vector<Process*>& procs, bool wait, RpcDone done) {
    run_group_operation(
        c.loop.clock(), procs, not_running,
        [&c, wait](Process& p, const std::string& ns, RpcDone d) { start_process(c, p, ns, wait, std::move(d)); },
        std::move(done));
  };
  auto stop_group = [&c](const std::vector<Process*>& procs, bool wait, RpcDone done) {
    run_group_operation(
        c.loop.clock(), procs, running,
        [&c, wait](Process& p, const std::string& ns, RpcDone d) { stop_process(c, p, ns, wait, std::move(d)); },
        std::move(done));
  };
  auto signal_group = [&c](const std::vector<Process*>& procs, const RpcParams& params, RpcDone done) {
    run_group_operation(
        c.loop.clock(), procs, signallable,
        [params](Process& p, const std::string& ns, RpcDone d) {
          signal_process(p, ns, params, params.size() - 1, std::move(d));
        },
        std::move(done));
  };

  r.add(
      {"supervisor.startProcess",
       {"boolean", "string", "boolean"},
       1,
       "Start a process.\n\n@param string name Process name (or ``group:name``, or ``group:*``)\n"
       "@param boolean wait Wait for process to be fully started\n@return boolean result     Always true unless error",
       [&c, start_group](const RpcParams& p, RpcDone done) {
         c.check_running();
         const std::string& name = string_param(p, 0);
         bool wait = bool_param(p, 1, true);
         Lookup found = lookup(c.supervisor, name);
         if (!found.process) return start_group(members(*found.group), wait, std::move(done));
         start_process(c, *found.process, name, wait, std::move(done));
       }});

  r.add({"supervisor.startProcessGroup",
         {"array", "string", "boolean"},
         1,
         "Start all processes in the group named 'name'.\n\n@param string name     The group name\n"
         "@param boolean wait    Wait for each process to be fully started\n"
         "@return array result   An array of process status info structs",
         [&c, start_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           start_group(members(group_named(c.supervisor, string_param(p, 0))), bool_param(p, 1, true), std::move(done));
         }});

  r.add({"supervisor.startAllProcesses",
         {"array", "boolean"},
         0,
         "Start all processes listed in the configuration file.\n\n"
         "@param boolean wait    Wait for each process to be fully started\n"
         "@return array result   An array of process status info structs",
         [&c, start_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           start_group(c.supervisor.processes_by_priority(), bool_param(p, 0, true), std::move(done));
         }});

  r.add({"supervisor.stopProcess",
         {"boolean", "string", "boolean"},
         1,
         "Stop a process named by name.\n\n@param string name  The name of the process to stop (or 'group:name')\n"
         "@param boolean wait        Wait for the process to be fully stopped\n"
         "@return boolean result     Always return True unless error",
         [&c, stop_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           const std::string& name = string_param(p, 0);
           bool wait = bool_param(p, 1, true);
           Lookup found = lookup(c.supervisor, name);
           if (!found.process) return stop_group(members(*found.group), wait, std::move(done));
           stop_process(c, *found.process, name, wait, std::move(done));
         }});

  r.add({"supervisor.stopProcessGroup",
         {"array", "string", "boolean"},
         1,
         "Stop all processes in the process group named 'name'.\n\n@param string name     The group name\n"
         "@param boolean wait    Wait for each process to be fully stopped\n"
         "@return array result   An array of process status info structs",
         [&c, stop_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           stop_group(members(group_named(c.supervisor, string_param(p, 0))), bool_param(p, 1, true), std::move(done));
         }});

  r.add({"supervisor.stopAllProcesses",
         {"array", "boolean"},
         0,
         "Stop all processes in the process list.\n\n@param  boolean wait   Wait for each process to be fully stopped\n"
         "@return array result   An array of process status info structs",
         [&c, stop_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           stop_group(c.supervisor.processes_by_priority(), bool_param(p, 0, true), std::move(done));
         }});

  r.add({"supervisor.signalProcess",
         {"boolean", "string", "string"},
         2,
         "Send an arbitrary UNIX signal to the process named by name.\n\n"
         "@param string name    Name of the process to signal (or 'group:name')\n"
         "@param string signal  Signal to send, as name ('HUP') or number ('1')\n@return boolean",
         [&c, signal_group](const RpcParams& p, RpcDone done) {
           c.check_running();
           const std::string& name = string_param(p, 0);
           Lookup found = lookup(c.supervisor, name);
           if (!found.process) return signal_group(members(*found.group), p, std::move(done));
           signal_process(*found.process, name, p, 1, std::move(done));
         }});

  r.add({"supervisor.signalProcessGroup",
         {"array", "string", "string"},
         2,
         "Send a signal to all processes in the group named 'name'.\n\n@param string name    The group name\n"
         "@param string signal  Signal to send, as name ('HUP') or number ('1')\n@return array",
         [&c, signal_group](const RpcParams& p, RpcDone done) {
           ProcessGroup* g = c.supervisor.find_group(string_param(p, 0));
           c.check_running();
           if (!g) throw RpcError(FaultCode::kBadName, string_param(p, 0));
           signal_group(members(*g), p, std::move(done));
         }});

  r.add({"supervisor.signalAllProcesses",
         {"array", "string"},
         1,
         "Send a signal to all processes in the process list.\n\n"
         "@param string signal  Signal to send, as name ('HUP') or number ('1')\n"
         "@return array         An array of process status info structs",
         [&c, signal_group](const RpcParams& p, RpcDone done) {
           // As supervisor: the signals go out first, the daemon state is checked after.
           RpcResult result;
           signal_group(c.supervisor.processes_by_priority(), p, [&result](RpcResult r) { result = std::move(r); });
           c.check_running();
           done(std::move(result));
         }});
}

}  // namespace sn
