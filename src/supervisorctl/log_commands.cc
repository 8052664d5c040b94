// tail and maintail: the end of a log over XML-RPC, or (-f) the log as it
// grows, streamed from /logtail or /mainlogtail until Ctrl-C.
// Tested by t/unit/log_commands_test.cc and t/integration/test_supervisorctl.py (-f).
#include <optional>
#include <string>
#include <vector>

#include "lib/util/strings.h"
#include "lib/xmlrpc/fault.h"
#include "supervisorctl/answer_fields.h"
#include "supervisorctl/commands.h"
#include "supervisorctl/controller.h"

namespace sn {
namespace {

constexpr int64_t kDefaultBytes = 1600;

constexpr std::string_view kTailHelp =
    "tail [-f] <name> [stdout|stderr] (default stdout)\n"
    "Ex:\n"
    "tail -f <name>\t\tContinuous tail of named process stdout\n"
    "\t\t\tCtrl-C to exit.\n"
    "tail -100 <name>\tlast 100 *bytes* of process stdout\n"
    "tail <name> stderr\tlast 1600 *bytes* of process stderr";
constexpr std::string_view kMaintailHelp =
    "maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)\n"
    "maintail -100\tlast 100 *bytes* of supervisord main log file\n"
    "maintail\tlast 1600 *bytes* of supervisor main log file\n";

// Reports a fault from reading `who`'s log; false when it is not one of
// the faults a log read is expected to raise.
bool report_read_fault(Controller& ctl, const std::string& who, const FaultError& e) {
  ctl.set_exit_status(exit_code::kGeneric);
  switch (static_cast<FaultCode>(e.code())) {
    case FaultCode::kNoFile: ctl.output(who + ": ERROR (no log file)"); return true;
    case FaultCode::kFailed: ctl.output(who + ": ERROR (unknown error reading log)"); return true;
    case FaultCode::kBadName: ctl.output(who + ": ERROR (no such process name)"); return true;
    default: return false;
  }
}

void follow(Controller& ctl, const std::string& path) {
  ctl.output("==> Press Ctrl-C to exit <==");
  if (ctl.server().follow({path}, nullptr) == ServerConnection::FollowEnd::kInterrupted) ctl.output("");
}

// "-f" -> nullopt (follow); "-100" -> 100; anything else is reported.
std::optional<std::optional<int64_t>> parse_modifier(Controller& ctl, const std::string& modifier) {
  std::string what = modifier.substr(1);
  if (what == "f") return std::optional<int64_t>();
  std::optional<int64_t> n = parse_python_int(what);
  if (!n) {
    report_error(ctl, "Error: bad argument " + modifier);
    return std::nullopt;
  }
  return n;
}

void run_tail(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> args = words(arg);
  if (args.empty() || args.size() > 3) {
    report_error(ctl, args.empty() ? "Error: too few arguments" : "Error: too many arguments");
    return ctl.output(kTailHelp);
  }
  std::optional<std::string> modifier;
  if (args[0][0] == '-') {
    modifier = args[0];
    args.erase(args.begin());
  }
  if (args.empty()) return report_error(ctl, "Error: tail requires process name");
  std::string name = args[0];
  std::string channel = args.size() == 1 ? "stdout" : to_lower(args.back());
  if (channel != "stdout" && channel != "stderr") return report_error(ctl, "Error: bad channel " + py_repr(channel));
  std::optional<int64_t> bytes = kDefaultBytes;
  if (modifier) {
    std::optional<std::optional<int64_t>> parsed = parse_modifier(ctl, *modifier);
    if (!parsed) return;
    bytes = *parsed;
  }
  const char* method = channel == "stdout" ? "supervisor.readProcessStdoutLog" : "supervisor.readProcessStderrLog";
  try {
    // Following starts with a one-byte read, so a bad name or a missing log
    // is said as plainly as for a plain tail.
    XmlRpcValue text = ctl.server().call(method, {name, bytes ? -*bytes : int64_t{-1}, 0});
    if (bytes) return ctl.output(string_answer(text));
  } catch (const FaultError& e) {
    if (!report_read_fault(ctl, name, e)) throw;
    return;
  }
  follow(ctl, "/logtail/" + name + "/" + channel);
}

void run_maintail(Controller& ctl, std::string_view arg) {
  if (!ctl.upcheck()) return;
  std::vector<std::string> args = words(arg);
  if (args.size() > 1) {
    report_error(ctl, "Error: too many arguments");
    return ctl.output(kMaintailHelp);
  }
  int64_t bytes = kDefaultBytes;
  if (args.size() == 1) {
    if (args[0][0] != '-') return report_error(ctl, "Error: bad argument " + args[0]);
    std::optional<std::optional<int64_t>> parsed = parse_modifier(ctl, args[0]);
    if (!parsed) return;
    if (!*parsed) return follow(ctl, "/mainlogtail");
    bytes = **parsed;
  }
  try {
    ctl.output(string_answer(ctl.server().call("supervisor.readLog", {-bytes, 0})));
  } catch (const FaultError& e) {
    if (e.is(FaultCode::kBadName) || !report_read_fault(ctl, "supervisord", e)) throw;
  }
}

constexpr Command kCommands[] = {
    {"tail", run_tail, kTailHelp},
    {"maintail", run_maintail, kMaintailHelp},
};

}  // namespace

std::span<const Command> log_commands() { return kCommands; }

}  // namespace sn
