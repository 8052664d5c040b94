// fg: a running process's stdout and stderr on the terminal, and each line
// typed sent to its stdin, until Ctrl-C, end of input, or the process dies.
// Tested by t/unit/fg_command_test.cc and t/integration/test_supervisorctl.py.
#include <string>

#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr int64_t kRunning = 20;
constexpr std::string_view kFgHelp = "fg <process>\tConnect to a process in foreground mode\n\t\tCtrl-C to exit";

// Sends one typed line; false (and the goodbye said) once the process is gone.
bool send_line(Controller& ctl, const std::string& name, const std::string& line) {
  try {
    ctl.server().call("supervisor.sendProcessStdin", {name, line + "\n"});
  } catch (const FaultError& e) {
    ctl.output(e.is(FaultCode::kNotRunning) ? std::string("Process got killed") : "ERROR: " + std::string(e.what()));
    ctl.output("Exiting foreground");
    return false;
  }
  if (int_field(ctl.server().call("supervisor.getProcessInfo", {name}), "state") != kRunning) {
    ctl.output("Process got killed");
    ctl.output("Exiting foreground");
    return false;
  }
  return true;
}

void run_fg(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> names = words(arg);
  if (names.empty()) {
    report_error(ctl, "ERROR: no process name supplied");
    return ctl.output(kFgHelp);
  }
  if (names.size() > 1) return report_error(ctl, "ERROR: too many process names supplied");
  const std::string& name = names[0];
  XmlRpcValue info;
  try {
    info = ctl.server().call("supervisor.getProcessInfo", {name});
  } catch (const FaultError& e) {
    if (e.is(FaultCode::kBadName)) return report_error(ctl, "ERROR: bad process name supplied");
    return ctl.output("ERROR: " + std::string(e.what()));
  }
  if (int_field(info, "state") != kRunning) return report_error(ctl, "ERROR: process not running");
  ctl.output("==> Press Ctrl-C to exit <==");
  ServerConnection::FollowEnd end =
      ctl.server().follow({"/logtail/" + name + "/stdout", "/logtail/" + name + "/stderr"},
                          [&](const std::string& line) { return send_line(ctl, name, line); });
  if (end != ServerConnection::FollowEnd::kStoppedByInput) ctl.output("Exiting foreground");
}

constexpr Command kCommands[] = {
    {"fg", run_fg, kFgHelp},
};

}  // namespace

std::span<const Command> fg_commands() { return kCommands; }

}  // namespace sn
