// crashmail's command line. One program speaks for both superlance
// listeners: crashmail (-p program, -a, -o prefix, -m email, -s sendmail
// command; one mail per crash) and crashmailbatch (--toEmail --fromEmail
// --subject --smtpHost --userName --password --tickEvent --interval; one
// mail per interval over SMTP). Their short options clash (-p, -s), so the
// crashmailbatch reading applies when the program is called crashmailbatch
// or any crashmailbatch long option is given; see man/crashmail.1.
// Minos' crashmailbatch (-l/--supervisordPort, or --minos) is the batch
// reading with Minos' subject, lines and per-cluster recipients.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

enum class SmtpSecurity {
  kPlain,             // no TLS (superlance's behaviour)
  kStartTlsTry,       // STARTTLS when the server offers it
  kStartTlsRequired,  // STARTTLS or fail (--tls)
  kImplicitTls,       // smtps://, TLS from the first byte
};

struct SmtpSettings {
  std::string host = "localhost";
  int port = 0;  // 0: 25, or 465 for implicit TLS
  SmtpSecurity security = SmtpSecurity::kPlain;
  std::string user;
  std::string password;
  std::string cafile;  // trust these CAs instead of the system's
  int timeout_seconds = 30;
};
// "smtp://host:25" or "smtps://[::1]:465".
std::string smtp_url(const SmtpSettings& smtp);

struct CrashmailOptions {
  bool batch = false;  // crashmailbatch: collect alerts, one mail per interval
  bool help = false;
  // Which processes to report: all when `any` or `programs` is empty.
  std::vector<std::string> programs;
  bool any = false;
  std::string subject_prefix;          // crashmail -o
  std::optional<std::string> subject;  // crashmailbatch -s
  std::vector<std::string> to;
  std::string from;
  // Delivery: the sendmail command (crashmail's default), or SMTP.
  bool use_sendmail = false;
  std::string sendmail_command = "/usr/sbin/sendmail -t -i";
  SmtpSettings smtp;
  std::string tick_event = "TICK_60";
  int tick_seconds = 60;
  double interval_minutes = 1.0;
  int retry_seconds = 60;  // a failed mail is tried again this much later, or on the next TICK
  // Minos' format: its subject and "<time> -- http://<ip>:<port> -- ..."
  // lines, with this supervisord port in the URL.
  std::optional<int> minos_port;
  // Minos' alert.cfg: [<service>--<cluster>] to_emails = extra recipients.
  std::string alert_config = "alert.cfg";
};

// Reads argv (without argv[0]); `program` is argv[0], whose base name
// "crashmailbatch" selects the crashmailbatch reading. Throws UsageError
// naming the option at fault.
CrashmailOptions parse_crashmail_options(std::string_view program, const std::vector<std::string>& args);

std::string crashmail_usage(bool batch);

}  // namespace sn
