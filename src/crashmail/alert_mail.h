// The mails crashmail writes: one per crash (crashmail's subject and first
// line), or one per batch (crashmailbatch's lines), each with the host and
// the crash details after superlance's text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crashmail/crash_alert.h"
#include "crashmail/crashmail_options.h"
#include "crashmail/mail_message.h"

namespace sn {

// Subject "[PREFIX: ]web crashed at 2026-11-25 12:00:00,123".
OutgoingMail crash_mail(const CrashAlert& alert, const CrashmailOptions& options, const std::string& from,
                        std::string_view host);
// Subject --subject, else "Crash alert from supervisord"; a line per alert.
OutgoingMail batch_mail(const std::vector<CrashAlert>& alerts, const CrashmailOptions& options, std::string_view host,
                        double now);
// Minos' mail: subject "Crash alert from supervisord on <host>", the lines
// alone as the body, to --toEmail and `extra_to`.
OutgoingMail minos_batch_mail(const std::vector<std::string>& lines, const CrashmailOptions& options,
                              const std::vector<std::string>& extra_to, std::string_view host, double now);

}  // namespace sn
