// Hands one mail to an SMTP server with libcurl: plain, STARTTLS (tried or
// required) or implicit TLS, AUTH when a user and password are given,
// bounded by the timeout. Blocking: crashmail calls it in a child process
// so its event loop never waits on the mail server.
#pragma once

#include <string>

#include "crashmail/crashmail_options.h"
#include "crashmail/mail_message.h"

namespace sn {

// "" when the server took the mail, else what went wrong (never the password).
std::string deliver_over_smtp(const OutgoingMail& mail, const SmtpSettings& smtp);

}  // namespace sn
