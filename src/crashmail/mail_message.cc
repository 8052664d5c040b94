#include "crashmail/mail_message.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "lib/http/base64.h"

namespace sn {

namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32 + 2);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace

std::string header_text(std::string_view value) {
  std::string flat(value);
  for (char& c : flat)
    if (c == '\r' || c == '\n') c = ' ';
  if (is_ascii(flat)) return flat;
  return "=?utf-8?b?" + base64_encode(flat) + "?=";
}

std::string rfc5322_date(double when) {
  time_t t = static_cast<time_t>(std::floor(when));
  struct tm tm;
  localtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  long offset_minutes = tm.tm_gmtoff / 60;
  char sign = offset_minutes < 0 ? '-' : '+';
  if (offset_minutes < 0) offset_minutes = -offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, offset_minutes / 60,
                offset_minutes % 60);
  return buf;
}

std::string make_message_id(double when, std::string_view host) {
  static unsigned long counter = 0;
  double whole = std::floor(when);
  char buf[96];
  std::snprintf(buf, sizeof buf, "<%.0f.%06ld.%ld.%lu@", whole, static_cast<long>((when - whole) * 1e6),
                static_cast<long>(::getpid()), ++counter);
  std::string host_part = host.empty() || !is_ascii(host) ? std::string("localhost") : std::string(host);
  return buf + host_part + ">";
}

OutgoingMail compose_mail(std::string from, std::vector<std::string> to, std::string subject, std::string body,
                          double when, std::string_view host) {
  OutgoingMail mail;
  mail.message_id = make_message_id(when, host);
  std::string head;
  head += "Date: " + rfc5322_date(when) + "\n";
  head += "From: " + header_text(from) + "\n";
  head += "To: " + header_text(join(to, ", ")) + "\n";
  head += "Subject: " + header_text(subject) + "\n";
  head += "Message-ID: " + mail.message_id + "\n";
  head += "MIME-Version: 1.0\n";
  if (is_ascii(body)) {
    head += "Content-Type: text/plain; charset=\"us-ascii\"\nContent-Transfer-Encoding: 7bit\n";
  } else {
    head += "Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: 8bit\n";
  }
  mail.text = crlf_lines(head + "\n" + body);
  mail.from = std::move(from);
  mail.to = std::move(to);
  mail.subject = std::move(subject);
  mail.body = std::move(body);
  return mail;
}

std::string with_lf_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

}  // namespace sn
