// What crashmail reports: a PROCESS_STATE_EXITED event whose payload says
// expected:0, for a process the command line chose.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lib/events/event_reader.h"

namespace sn {

struct CrashAlert {
  std::string process;
  std::string group;
  std::string pid;
  std::string from_state;
  double when = 0;  // wall-clock seconds the listener heard of it
};

// Which processes to report: every one when `any` or no names are given;
// else a name matches "process", "group:process" or "group:*".
struct ProcessSelection {
  std::vector<std::string> programs;
  bool any = false;
  bool matches(const std::string& group, const std::string& process) const;
};

// The alert an event amounts to, if any. Malformed payloads are not alerts.
std::optional<CrashAlert> crash_alert_from(const ListenerEvent& event, const ProcessSelection& selection, double now);

// superlance's texts for one alert:
// "Process web in group web exited unexpectedly (pid 42) from state RUNNING" (crashmail),
// "2026-11-25 12:00:00,123 -- Process web:web (pid 42) died unexpectedly" (crashmailbatch).
std::string crashmail_line(const CrashAlert& alert);
std::string crashmailbatch_line(const CrashAlert& alert);
// Minos' line: "<time> -- http://10.0.0.5:9001 -- Process g:p (pid 42) died unexpectedly".
std::string minos_line(const CrashAlert& alert, const std::string& url);

}  // namespace sn
