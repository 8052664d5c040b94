// avail, reread, add, remove, update: the configuration side. Like
// supervisorctl these skip the upcheck and call straight away.
// Tested by t/unit/config_commands_test.cc.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lib/util/namespec.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr std::string_view kAvailHelp = "avail\t\t\tDisplay all configured processes";
constexpr std::string_view kRereadHelp = "reread \t\t\tReload the daemon's configuration files without add/remove";
constexpr std::string_view kAddHelp = "add <name> [...]\tActivates any updates in config for process/group";
constexpr std::string_view kRemoveHelp = "remove <name> [...]\tRemoves process/group from active config";
constexpr std::string_view kUpdateHelp =
    "update\t\t\tReload config and add/remove as necessary, and will restart affected programs\n"
    "update all\t\tReload config and add/remove as necessary, and will restart affected programs\n"
    "update <gname> [...]\tUpdate specific groups";

std::string avail_line(const XmlRpcValue& info) {
  std::string name = make_namespec(string_field(info, "group"), string_field(info, "name"));
  std::string in_use = flag_field(info, "inuse") ? "in use" : "avail";
  std::string autostart = flag_field(info, "autostart") ? "auto" : "manual";
  return pad_right(name, 32) + " " + pad_right(in_use, 9) + " " + pad_right(autostart, 9) + " " +
         text_field(info, "group_prio") + ":" + text_field(info, "process_prio");
}

void run_avail(Controller& ctl, std::string_view arg) {
  if (refuse_arguments(ctl, "avail", arg, kAvailHelp)) return;
  XmlRpcValue infos;
  try {
    infos = ctl.server().call("supervisor.getAllConfigInfo");
  } catch (const FaultError& e) {
    ctl.set_exit_status(exit_code::kGeneric);
    if (!e.is(FaultCode::kShutdownState)) throw;
    return ctl.output("ERROR: supervisor shutting down");
  }
  for (const XmlRpcValue& info : array_answer(infos)) ctl.output(avail_line(info));
}

struct Changes {
  std::vector<std::string> added, changed, removed;
};

std::vector<std::string> names_in(const XmlRpcValue& list) {
  std::vector<std::string> names;
  for (const XmlRpcValue& n : array_answer(list)) names.push_back(string_answer(n));
  return names;
}

// reloadConfig's [[added, changed, removed]].
Changes changes_in(const XmlRpcValue& answer) {
  const XmlRpcValue::Array& outer = array_answer(answer);
  if (outer.size() != 1 || array_answer(outer[0]).size() != 3) {
    throw TransportError(TransportError::Kind::kOther,
                         "unexpected answer from supervisord: expected [[added, changed, removed]]");
  }
  const XmlRpcValue::Array& triple = outer[0].as_array();
  return {names_in(triple[0]), names_in(triple[1]), names_in(triple[2])};
}

void run_reread(Controller& ctl, std::string_view arg) {
  if (refuse_arguments(ctl, "reread", arg, kRereadHelp)) return;
  XmlRpcValue answer;
  try {
    answer = ctl.server().call("supervisor.reloadConfig");
  } catch (const FaultError& e) {
    ctl.set_exit_status(exit_code::kGeneric);
    if (e.is(FaultCode::kShutdownState)) return ctl.output("ERROR: supervisor shutting down");
    if (e.is(FaultCode::kCantReread)) return ctl.output("ERROR: " + e.text());
    throw;
  }
  Changes c = changes_in(answer);
  std::map<std::string, std::string> what;  // sorted by name; a later kind wins, as in supervisorctl
  for (const std::string& n : c.added) what[n] = "available";
  for (const std::string& n : c.changed) what[n] = "changed";
  for (const std::string& n : c.removed) what[n] = "disappeared";
  if (what.empty()) return ctl.output("No config updates to processes");
  for (const auto& [name, kind] : what) ctl.output(name + ": " + kind);
}

void run_add(Controller& ctl, std::string_view arg) {
  for (const std::string& name : words(arg)) {
    try {
      ctl.server().call("supervisor.addProcessGroup", {name});
      ctl.output(name + ": added process group");
    } catch (const FaultError& e) {
      if (e.is(FaultCode::kShutdownState)) {
        ctl.output("ERROR: shutting down");
        ctl.set_exit_status(exit_code::kGeneric);
      } else if (e.is(FaultCode::kAlreadyAdded)) {
        ctl.output("ERROR: process group already active");
      } else if (e.is(FaultCode::kBadName)) {
        ctl.output("ERROR: no such process/group: " + name);
        ctl.set_exit_status(exit_code::kGeneric);
      } else {
        ctl.set_exit_status(exit_code::kGeneric);
        throw;
      }
    }
  }
}

void run_remove(Controller& ctl, std::string_view arg) {
  for (const std::string& name : words(arg)) {
    try {
      ctl.server().call("supervisor.removeProcessGroup", {name});
      ctl.output(name + ": removed process group");
    } catch (const FaultError& e) {
      ctl.set_exit_status(exit_code::kGeneric);
      if (e.is(FaultCode::kStillRunning)) {
        ctl.output("ERROR: process/group still running: " + name);
      } else if (e.is(FaultCode::kBadName)) {
        ctl.output("ERROR: no such process/group: " + name);
      } else {
        throw;
      }
    }
  }
}

bool any_failed(const XmlRpcValue& results) {
  for (const XmlRpcValue& r : array_answer(results)) {
    if (int_field(r, "status") == static_cast<int>(FaultCode::kFailed)) return true;
  }
  return false;
}

// Checks the groups `update` was asked for; unknown ones are reported.
void check_requested_groups(Controller& ctl, const std::set<std::string>& requested, const Changes& c) {
  std::set<std::string> known(c.added.begin(), c.added.end());
  XmlRpcValue infos = ctl.server().call("supervisor.getAllProcessInfo");
  for (const XmlRpcValue& info : array_answer(infos)) known.insert(string_field(info, "group"));
  for (const std::string& g : requested) {
    if (known.count(g)) continue;
    ctl.output("ERROR: no such group: " + g);
    ctl.set_exit_status(exit_code::kGeneric);
  }
}

// A daemon with update_restarts=changed updates a changed group member by
// member; any other (supervisor's own) answers ALREADY_ADDED.
bool updated_in_place(ServerConnection& server, const std::string& group) {
  try {
    server.call("supervisor.addProcessGroup", {group});
    return true;
  } catch (const FaultError& e) {
    if (e.is(FaultCode::kAlreadyAdded)) return false;
    throw;
  }
}

void run_update(Controller& ctl, std::string_view arg) {
  XmlRpcValue answer;
  try {
    answer = ctl.server().call("supervisor.reloadConfig");
  } catch (const FaultError& e) {
    ctl.set_exit_status(exit_code::kGeneric);
    if (!e.is(FaultCode::kShutdownState)) throw;
    return ctl.output("ERROR: already shutting down");
  }
  Changes c = changes_in(answer);
  std::vector<std::string> asked = words(arg);
  std::set<std::string> requested(asked.begin(), asked.end());
  if (requested.count("all")) requested.clear();  // "all" means every group
  if (!requested.empty()) check_requested_groups(ctl, requested, c);
  auto wanted = [&](const std::string& g) { return requested.empty() || requested.count(g) > 0; };
  auto& server = ctl.server();
  for (const std::string& g : c.removed) {
    if (!wanted(g)) continue;
    XmlRpcValue results = server.call("supervisor.stopProcessGroup", {g});
    ctl.output(g + ": stopped");
    if (any_failed(results)) {
      ctl.output(g + ": has problems; not removing");
      ctl.set_exit_status(exit_code::kGeneric);
      continue;
    }
    server.call("supervisor.removeProcessGroup", {g});
    ctl.output(g + ": removed process group");
  }
  for (const std::string& g : c.changed) {
    if (!wanted(g)) continue;
    if (updated_in_place(server, g)) {
      ctl.output(g + ": updated process group");
      continue;
    }
    server.call("supervisor.stopProcessGroup", {g});
    ctl.output(g + ": stopped");
    server.call("supervisor.removeProcessGroup", {g});
    server.call("supervisor.addProcessGroup", {g});
    ctl.output(g + ": updated process group");
  }
  for (const std::string& g : c.added) {
    if (!wanted(g)) continue;
    server.call("supervisor.addProcessGroup", {g});
    ctl.output(g + ": added process group");
  }
}

constexpr Command kCommands[] = {
    {"avail", run_avail, kAvailHelp},    {"reread", run_reread, kRereadHelp}, {"add", run_add, kAddHelp},
    {"remove", run_remove, kRemoveHelp}, {"update", run_update, kUpdateHelp},
};

}  // namespace

std::span<const Command> config_commands() { return kCommands; }

}  // namespace sn
