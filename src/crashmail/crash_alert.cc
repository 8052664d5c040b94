#include "crashmail/crash_alert.h"

#include "lib/util/logger.h"

namespace sn {

bool ProcessSelection::matches(const std::string& group, const std::string& process) const {
  if (any || programs.empty()) return true;
  for (const auto& name : programs) {
    if (name == process || name == group + ":" + process || name == group + ":*") return true;
  }
  return false;
}

std::optional<CrashAlert> crash_alert_from(const ListenerEvent& event, const ProcessSelection& selection, double now) {
  if (event.name() != "PROCESS_STATE_EXITED") return std::nullopt;
  std::string error;
  std::optional<EventTokens> payload = parse_event_tokens(event.payload, &error);
  if (!payload) return std::nullopt;
  EventTokens& fields = *payload;
  auto expected = fields.find("expected");
  if (expected == fields.end() || expected->second != "0") return std::nullopt;
  CrashAlert alert{fields["processname"], fields["groupname"], fields["pid"], fields["from_state"], now};
  if (alert.process.empty() || !selection.matches(alert.group, alert.process)) return std::nullopt;
  return alert;
}

std::string crashmail_line(const CrashAlert& a) {
  return "Process " + a.process + " in group " + a.group + " exited unexpectedly (pid " + a.pid + ") from state " +
         a.from_state;
}

std::string minos_line(const CrashAlert& a, const std::string& url) {
  return Logger::format_timestamp(a.when) + " -- " + url + " -- Process " + a.group + ":" + a.process + " (pid " +
         a.pid + ") died unexpectedly";
}

std::string crashmailbatch_line(const CrashAlert& a) {
  return Logger::format_timestamp(a.when) + " -- Process " + a.group + ":" + a.process + " (pid " + a.pid +
         ") died unexpectedly";
}

}  // namespace sn
