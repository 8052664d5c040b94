// status and pid.
// Tested by t/unit/status_commands_test.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "lib/util/namespec.h"
#include "lib/util/strings.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

// supervisor's STOPPED_STATES: STOPPED, EXITED, FATAL, UNKNOWN.
bool is_stopped_state(int64_t state) { return state == 0 || state == 100 || state == 200 || state == 1000; }

// The infos `names` select, in the order asked for; an unknown name is
// reported and makes the exit status 4.
std::vector<const XmlRpcValue*> select(Controller& ctl, const XmlRpcValue::Array& all,
                                       const std::vector<std::string>& names) {
  std::vector<const XmlRpcValue*> chosen;
  if (names.empty() || includes_all(names)) {
    for (const XmlRpcValue& info : all) chosen.push_back(&info);
    return chosen;
  }
  for (const std::string& name : names) {
    Namespec ns = split_namespec(name);
    bool found = false;
    for (const XmlRpcValue& info : all) {
      if (string_field(info, "group") != ns.group) continue;
      if (ns.process && string_field(info, "name") != *ns.process) continue;
      found = true;
      chosen.push_back(&info);
    }
    if (!found) {
      ctl.output(ns.process ? name + ": ERROR (no such process)" : ns.group + ": ERROR (no such group)");
      ctl.set_exit_status(exit_code::kStatusUnknown);
    }
  }
  return chosen;
}

void show(Controller& ctl, const std::vector<const XmlRpcValue*>& infos) {
  std::vector<std::string> namespecs;
  size_t width = 30;
  for (const XmlRpcValue* info : infos) {
    namespecs.push_back(make_namespec(string_field(*info, "group"), string_field(*info, "name")));
    width = std::max(width, utf8_char_count(namespecs.back()));
  }
  for (size_t i = 0; i < infos.size(); ++i) {
    ctl.output(pad_right(namespecs[i], width + 3) + pad_right(string_field(*infos[i], "statename"), 10) +
               string_field(*infos[i], "description"));
  }
}

void run_status(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) {
    ctl.set_exit_status(exit_code::kStatusUnknown);
    return;
  }
  XmlRpcValue all = ctl.server().call("supervisor.getAllProcessInfo");
  std::vector<const XmlRpcValue*> chosen = select(ctl, array_answer(all), words(arg));
  show(ctl, chosen);
  for (const XmlRpcValue* info : chosen) {
    if (is_stopped_state(int_field(*info, "state"))) ctl.set_exit_status(exit_code::kStatusNotRunning);
  }
}

void run_pid(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> names = words(arg);
  if (names.empty()) {
    ctl.output(std::to_string(int_answer(ctl.server().call("supervisor.getPID"))));
    return;
  }
  if (includes_all(names)) {
    XmlRpcValue all = ctl.server().call("supervisor.getAllProcessInfo");
    for (const XmlRpcValue& info : array_answer(all)) ctl.output(std::to_string(int_field(info, "pid")));
    return;
  }
  for (const std::string& name : names) {
    XmlRpcValue info;
    try {
      info = ctl.server().call("supervisor.getProcessInfo", {name});
    } catch (const FaultError& e) {
      ctl.set_exit_status(exit_code::kGeneric);
      if (!e.is(FaultCode::kBadName)) throw;
      ctl.output("No such process " + name);
      continue;
    }
    int64_t pid = int_field(info, "pid");
    ctl.output(std::to_string(pid));
    if (pid == 0) ctl.set_exit_status(exit_code::kNotRunning);
  }
}

constexpr std::string_view kStatusHelp =
    "status <name>\t\tGet status for a single process\n"
    "status <gname>:*\tGet status for all processes in a group\n"
    "status <name> <name>\tGet status for multiple named processes\n"
    "status\t\t\tGet all process status info";
constexpr std::string_view kPidHelp =
    "pid\t\t\tGet the PID of supervisord.\n"
    "pid <name>\t\tGet the PID of a single child process by name.\n"
    "pid all\t\t\tGet the PID of every child process, one per line.";

constexpr Command kCommands[] = {
    {"status", run_status, kStatusHelp},
    {"pid", run_pid, kPidHelp},
};

}  // namespace

std::span<const Command> status_commands() { return kCommands; }

}  // namespace sn
