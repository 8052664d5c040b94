// start, stop, restart, signal, clear: one line per process acted on, worded
// and exit-coded as supervisorctl 4.2 does.
// Tested by t/unit/process_commands_test.cc.
#include <string>
#include <vector>

#include "lib/util/namespec.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr int kAlreadyStarted = static_cast<int>(FaultCode::kAlreadyStarted);
constexpr int kNotRunning = static_cast<int>(FaultCode::kNotRunning);
constexpr int kBadName = static_cast<int>(FaultCode::kBadName);
constexpr int kNoCodeIgnored = static_cast<int>(FaultCode::kSuccess);

// One process's outcome: from a group operation's result struct, or from
// the fault a single-process call raised.
struct Outcome {
  std::string namespec;
  int code = 0;
  std::string description;
};

Outcome outcome_of(const XmlRpcValue& result) {
  return {make_namespec(string_field(result, "group"), string_field(result, "name")),
          static_cast<int>(int_field(result, "status")), string_field(result, "description")};
}

Outcome outcome_of(const Namespec& ns, const FaultError& e) {
  return {make_namespec(ns.group, ns.process.value_or("")), e.code(), e.text()};
}

std::string error_line(const Outcome& o, std::string_view why) {
  return o.namespec + ": ERROR (" + std::string(why) + ")";
}

std::string start_line(const Outcome& o) {
  switch (static_cast<FaultCode>(o.code)) {
    case FaultCode::kBadName: return error_line(o, "no such process");
    case FaultCode::kNoFile: return error_line(o, "no such file");
    case FaultCode::kNotExecutable: return error_line(o, "file is not executable");
    case FaultCode::kAlreadyStarted: return error_line(o, "already started");
    case FaultCode::kSpawnError: return error_line(o, "spawn error");
    case FaultCode::kAbnormalTermination: return error_line(o, "abnormal termination");
    case FaultCode::kSuccess: return o.namespec + ": started";
    default: return error_line(o, o.description);
  }
}

std::string signal_line(const Outcome& o, std::string_view success) {
  switch (static_cast<FaultCode>(o.code)) {
    case FaultCode::kBadName: return error_line(o, "no such process");
    case FaultCode::kBadSignal: return error_line(o, "bad signal name");
    case FaultCode::kNotRunning: return error_line(o, "not running");
    case FaultCode::kSuccess: return o.namespec + ": " + std::string(success);
    case FaultCode::kFailed: return o.description;
    default: return error_line(o, o.description);
  }
}

std::string stop_line(const Outcome& o) { return signal_line(o, "stopped"); }
std::string signalled_line(const Outcome& o) { return signal_line(o, "signalled"); }

std::string clear_line(const Outcome& o) {
  switch (static_cast<FaultCode>(o.code)) {
    case FaultCode::kBadName: return error_line(o, "no such process");
    case FaultCode::kFailed: return error_line(o, "failed");
    case FaultCode::kSuccess: return o.namespec + ": cleared";
    default: return error_line(o, o.description);
  }
}

// How one command reports: its result lines, the fault code that does not
// change the exit status, and the exit status for an unknown group.
struct Reporting {
  std::string (*line)(const Outcome&);
  int ignored_code;
  int bad_group_exit;
};

void report_all(Controller& ctl, const XmlRpcValue& results, const Reporting& how) {
  for (const XmlRpcValue& r : array_answer(results)) {
    Outcome o = outcome_of(r);
    ctl.output(how.line(o));
    ctl.set_exit_status_from_fault(o.code, how.ignored_code);
  }
}

// Runs `group_call` for "g:*" names and `process_call` for the others,
// reporting as `how` says. The calls get the namespec (and `extra`, the
// signal name, after or before it as supervisor's signatures want).
void for_each_name(Controller& ctl, const std::vector<std::string>& names, const Reporting& how, const char* group_call,
                   const char* process_call, const std::vector<XmlRpcValue>& extra) {
  for (const std::string& name : names) {
    Namespec ns = split_namespec(name);
    if (!ns.process) {
      std::vector<XmlRpcValue> params{ns.group};
      params.insert(params.end(), extra.begin(), extra.end());
      try {
        report_all(ctl, ctl.server().call(group_call, params), how);
      } catch (const FaultError& e) {
        if (e.code() != kBadName) {
          ctl.set_exit_status(exit_code::kGeneric);
          throw;
        }
        ctl.output(ns.group + ": ERROR (no such group)");
        ctl.set_exit_status(how.bad_group_exit);
      }
      continue;
    }
    std::vector<XmlRpcValue> params{name};
    params.insert(params.end(), extra.begin(), extra.end());
    try {
      ctl.server().call(process_call, params);
      ctl.output(how.line(Outcome{make_namespec(ns.group, *ns.process), static_cast<int>(FaultCode::kSuccess), ""}));
    } catch (const FaultError& e) {
      Outcome o = outcome_of(ns, e);
      ctl.output(how.line(o));
      ctl.set_exit_status_from_fault(o.code, how.ignored_code);
    }
  }
}

constexpr std::string_view kStartHelp =
    "start <name>\t\tStart a process\n"
    "start <gname>:*\t\tStart all processes in a group\n"
    "start <name> <name>\tStart multiple processes or groups\n"
    "start all\t\tStart all processes";
constexpr std::string_view kStopHelp =
    "stop <name>\t\tStop a process\n"
    "stop <gname>:*\t\tStop all processes in a group\n"
    "stop <name> <name>\tStop multiple processes or groups\n"
    "stop all\t\tStop all processes";
constexpr std::string_view kRestartHelp =
    "restart <name>\t\tRestart a process\n"
    "restart <gname>:*\tRestart all processes in a group\n"
    "restart <name> <name>\tRestart multiple processes or groups\n"
    "restart all\t\tRestart all processes\n"
    "Note: restart does not reread config files. For that, see reread and update.";
constexpr std::string_view kSignalHelp =
    "signal <signal name> <name>\t\tSignal a process\n"
    "signal <signal name> <gname>:*\t\tSignal all processes in a group\n"
    "signal <signal name> <name> <name>\tSignal multiple processes or groups\n"
    "signal <signal name> all\t\tSignal all processes";
constexpr std::string_view kClearHelp =
    "clear <name>\t\tClear a process' log files.\n"
    "clear <name> <name>\tClear multiple process' log files\n"
    "clear all\t\tClear all process' log files";

void usage_error(Controller& ctl, std::string_view message, int status, std::string_view help) {
  ctl.output(message);
  ctl.set_exit_status(status);
  ctl.output(help);
}

void run_start(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> names = words(arg);
  if (names.empty())
    return usage_error(ctl, "Error: start requires a process name", exit_code::kInvalidArgs, kStartHelp);
  Reporting how{start_line, kAlreadyStarted, exit_code::kInvalidArgs};
  if (includes_all(names)) return report_all(ctl, ctl.server().call("supervisor.startAllProcesses"), how);
  for_each_name(ctl, names, how, "supervisor.startProcessGroup", "supervisor.startProcess", {});
}

void run_stop(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> names = words(arg);
  if (names.empty()) return usage_error(ctl, "Error: stop requires a process name", exit_code::kGeneric, kStopHelp);
  Reporting how{stop_line, kNotRunning, exit_code::kGeneric};
  if (includes_all(names)) return report_all(ctl, ctl.server().call("supervisor.stopAllProcesses"), how);
  for_each_name(ctl, names, how, "supervisor.stopProcessGroup", "supervisor.stopProcess", {});
}

void run_restart(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  if (words(arg).empty()) {
    return usage_error(ctl, "Error: restart requires a process name", exit_code::kGeneric, kRestartHelp);
  }
  run_stop(ctl, arg);
  run_start(ctl, arg);
}

void run_signal(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> args = words(arg);
  if (args.size() < 2) {
    return usage_error(ctl, "Error: signal requires a signal name and a process name", exit_code::kGeneric,
                       kSignalHelp);
  }
  std::string signal = args.front();
  std::vector<std::string> names(args.begin() + 1, args.end());
  Reporting how{signalled_line, kNoCodeIgnored, exit_code::kGeneric};
  if (includes_all(names)) return report_all(ctl, ctl.server().call("supervisor.signalAllProcesses", {signal}), how);
  for_each_name(ctl, names, how, "supervisor.signalProcessGroup", "supervisor.signalProcess", {signal});
}

void run_clear(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> names = words(arg);
  if (names.empty()) return usage_error(ctl, "Error: clear requires a process name", exit_code::kGeneric, kClearHelp);
  Reporting how{clear_line, kNoCodeIgnored, exit_code::kGeneric};
  if (includes_all(names)) return report_all(ctl, ctl.server().call("supervisor.clearAllProcessLogs"), how);
  // supervisor has no clearProcessGroupLogs: "g:*" goes to clearProcessLogs,
  // which answers BAD_NAME for it.
  for (const std::string& name : names) {
    Namespec ns = split_namespec(name);
    try {
      ctl.server().call("supervisor.clearProcessLogs", {name});
      ctl.output(make_namespec(ns.group, ns.process.value_or("None")) + ": cleared");
    } catch (const FaultError& e) {
      Outcome o{make_namespec(ns.group, ns.process.value_or("None")), e.code(), e.text()};
      ctl.output(clear_line(o));
      ctl.set_exit_status_from_fault(o.code);
    }
  }
}

constexpr Command kCommands[] = {
    {"start", run_start, kStartHelp},    {"stop", run_stop, kStopHelp},    {"restart", run_restart, kRestartHelp},
    {"signal", run_signal, kSignalHelp}, {"clear", run_clear, kClearHelp},
};

}  // namespace

std::span<const Command> process_commands() { return kCommands; }

}  // namespace sn
