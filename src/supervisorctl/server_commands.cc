// shutdown, reload, version, open: the daemon itself and which one we talk to.
// Tested by t/unit/server_commands_test.cc.
#include <string>

#include "lib/util/strings.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr std::string_view kShutdownHelp = "shutdown \tShut the remote supervisord down.";
constexpr std::string_view kReloadHelp = "reload \t\tRestart the remote supervisord.";
constexpr std::string_view kVersionHelp = "version\t\t\tShow the version of the remote supervisord process";
constexpr std::string_view kOpenHelp =
    "open <url>\tConnect to a remote supervisord process.\n"
    "\t\t(for UNIX domain socket, use unix:///socket/path)";

// In the shell, asks first; on the command line the command is the answer.
bool confirmed(Controller& ctl, const std::string& question) {
  if (!ctl.options().interactive) return true;
  std::optional<std::string> answer = ctl.ask(question);
  return answer && !answer->empty() && (answer->front() == 'y' || answer->front() == 'Y');
}

void run_shutdown(Controller& ctl, std::string_view arg) {
  if (refuse_arguments(ctl, "shutdown", arg, kShutdownHelp)) return;
  if (!confirmed(ctl, "Really shut the remote supervisord process down y/N? ")) return;
  try {
    ctl.server().call("supervisor.shutdown");
  } catch (const FaultError& e) {
    if (!e.is(FaultCode::kShutdownState)) {
      ctl.set_exit_status(exit_code::kGeneric);
      throw;
    }
    return ctl.output("ERROR: already shutting down");
  } catch (const TransportError& e) {
    ctl.set_exit_status(exit_code::kGeneric);
    if (e.kind() != TransportError::Kind::kRefused && e.kind() != TransportError::Kind::kNoSuchFile) throw;
    return ctl.output("ERROR: " + std::string(e.what()) + " (already shut down?)");
  }
  ctl.output("Shut down");
}

void run_reload(Controller& ctl, std::string_view arg) {
  if (refuse_arguments(ctl, "reload", arg, kReloadHelp)) return;
  if (!confirmed(ctl, "Really restart the remote supervisord process y/N? ")) return;
  try {
    ctl.server().call("supervisor.restart");
  } catch (const FaultError& e) {
    ctl.set_exit_status(exit_code::kGeneric);
    // supervisord reads the configuration before it stops anything: a
    // broken file is refused as reread refuses it.
    if (e.is(FaultCode::kCantReread)) return ctl.output("ERROR: " + e.text());
    if (!e.is(FaultCode::kShutdownState)) throw;
    return ctl.output("ERROR: already shutting down");
  }
  ctl.output("Restarted supervisord");
}

void run_version(Controller& ctl, std::string_view arg) {
  if (refuse_arguments(ctl, "version", arg, kVersionHelp)) return;
  if (!ctl.upcheck()) return;
  ctl.output(string_answer(ctl.server().call("supervisor.getSupervisorVersion")));
}

void run_open(Controller& ctl, std::string_view arg) {
  std::optional<ServerUrl> url = parse_server_url(trim(arg));
  if (!url) {
    ctl.output("ERROR: url must be http:// or unix://");
    ctl.set_exit_status(exit_code::kGeneric);
    return;
  }
  ctl.switch_server(std::move(*url));
  // Like supervisorctl: show the new server's processes, keep the exit status.
  int before = ctl.exit_status();
  find_command("status")->run(ctl, "");
  ctl.set_exit_status(before);
}

constexpr Command kCommands[] = {
    {"shutdown", run_shutdown, kShutdownHelp},
    {"reload", run_reload, kReloadHelp},
    {"version", run_version, kVersionHelp},
    {"open", run_open, kOpenHelp},
};

}  // namespace

std::span<const Command> server_commands() { return kCommands; }

}  // namespace sn
