// An Internet mail message (RFC 5322) as crashmail sends it: Date, From,
// To, Subject, Message-ID and MIME headers over a plain-text body, lines
// ending in CRLF as SMTP wants them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sn {

struct OutgoingMail {
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // as given, for the log
  std::string body;     // as given, for the log
  std::string message_id;
  std::string text;   // the whole message, CRLF line ends
  size_t alerts = 0;  // how many crashes it reports
};

OutgoingMail compose_mail(std::string from, std::vector<std::string> to, std::string subject, std::string body,
                          double when, std::string_view host);

// "Wed, 25 Nov 2026 12:00:00 +0100": local time, numeric zone.
std::string rfc5322_date(double when);
// "<1764072000.123456.4242.1@host>": unique per message of this process.
std::string make_message_id(double when, std::string_view host);
// A header value on one line: CR/LF become spaces; non-ASCII text becomes
// one RFC 2047 encoded word (UTF-8, base64).
std::string header_text(std::string_view value);
// The message with LF line ends, as a sendmail command reads it.
std::string with_lf_line_ends(std::string_view text);

}  // namespace sn
