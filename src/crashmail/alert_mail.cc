#include "crashmail/alert_mail.h"

#include <algorithm>

#include "lib/util/logger.h"

namespace sn {

OutgoingMail crash_mail(const CrashAlert& alert, const CrashmailOptions& options, const std::string& from,
                        std::string_view host) {
  std::string subject = alert.process + " crashed at " + Logger::format_timestamp(alert.when);
  if (!options.subject_prefix.empty()) subject = options.subject_prefix + ": " + subject;
  std::string body = crashmail_line(alert) + "\n\n";
  body += "Host: " + std::string(host) + "\n";
  body += "Process: " + alert.process + "\n";
  body += "Group: " + alert.group + "\n";
  body += "PID: " + alert.pid + "\n";
  body += "Exit: unexpected (not one of its exitcodes), from state " + alert.from_state + "\n";
  body += "Time: " + Logger::format_timestamp(alert.when) + "\n";
  OutgoingMail mail = compose_mail(from, options.to, subject, body, alert.when, host);
  mail.alerts = 1;
  return mail;
}

OutgoingMail batch_mail(const std::vector<CrashAlert>& alerts, const CrashmailOptions& options, std::string_view host,
                        double now) {
  std::string body;
  for (const auto& alert : alerts) body += crashmailbatch_line(alert) + "\n";
  body += "\nHost: " + std::string(host) + "\n";
  std::string subject = options.subject.value_or("Crash alert from supervisord");
  OutgoingMail mail = compose_mail(options.from, options.to, subject, body, now, host);
  mail.alerts = alerts.size();
  return mail;
}

OutgoingMail minos_batch_mail(const std::vector<std::string>& lines, const CrashmailOptions& options,
                              const std::vector<std::string>& extra_to, std::string_view host, double now) {
  std::string body;
  for (const auto& line : lines) body += (body.empty() ? "" : "\n") + line;
  std::vector<std::string> to = options.to;
  for (const auto& address : extra_to)
    if (std::find(to.begin(), to.end(), address) == to.end()) to.push_back(address);
  OutgoingMail mail =
      compose_mail(options.from, to, "Crash alert from supervisord on " + std::string(host), body, now, host);
  mail.alerts = lines.size();
  return mail;
}

}  // namespace sn
