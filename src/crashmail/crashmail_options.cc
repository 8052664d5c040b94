#include "crashmail/crashmail_options.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "lib/util/usage_error.h"

namespace sn {

namespace {

enum class Opt {
  kHelp,
  kProgram,
  kAny,
  kOptionalHeader,
  kSendmail,
  kEmail,
  kInterval,
  kToEmail,
  kFromEmail,
  kSubject,
  kSmtpHost,
  kTickEvent,
  kUserName,
  kPassword,
  kTls,
  kSmtp,
  kSmtpPort,
  kStartTls,
  kSmtps,
  kTimeout,
  kCaFile,
  kRetry,
  kFrom,
  kSupervisordPort,
  kMinos,
  kAlertConfig,
};

struct OptionSpec {
  std::string_view long_name;
  char crashmail_short;  // 0: none
  char batch_short;
  bool takes_value;
  bool batch_only;  // giving it selects the crashmailbatch reading
  Opt id;
};

constexpr OptionSpec kOptions[] = {
    {"help", 'h', 'h', false, false, Opt::kHelp},
    {"program", 'p', 0, true, false, Opt::kProgram},
    {"any", 'a', 0, false, false, Opt::kAny},
    {"optionalheader", 'o', 0, true, false, Opt::kOptionalHeader},
    {"sendmail_program", 's', 0, true, false, Opt::kSendmail},
    {"email", 'm', 0, true, false, Opt::kEmail},
    {"interval", 0, 'i', true, true, Opt::kInterval},
    {"toEmail", 0, 't', true, true, Opt::kToEmail},
    {"fromEmail", 0, 'f', true, true, Opt::kFromEmail},
    {"subject", 0, 's', true, true, Opt::kSubject},
    {"smtpHost", 0, 'H', true, true, Opt::kSmtpHost},
    {"tickEvent", 0, 'e', true, true, Opt::kTickEvent},
    {"userName", 0, 'u', true, true, Opt::kUserName},
    {"password", 0, 'p', true, true, Opt::kPassword},
    {"supervisordPort", 0, 'l', true, true, Opt::kSupervisordPort},
    {"minos", 0, 0, false, true, Opt::kMinos},
    {"alertConfig", 0, 0, true, true, Opt::kAlertConfig},
    {"tls", 0, 0, false, false, Opt::kTls},
    {"smtp", 0, 0, true, false, Opt::kSmtp},
    {"smtpPort", 0, 0, true, false, Opt::kSmtpPort},
    {"starttls", 0, 0, true, false, Opt::kStartTls},
    {"smtps", 0, 0, false, false, Opt::kSmtps},
    {"timeout", 0, 0, true, false, Opt::kTimeout},
    {"cafile", 0, 0, true, false, Opt::kCaFile},
    {"retry", 0, 0, true, false, Opt::kRetry},
    {"from", 0, 0, true, false, Opt::kFrom},
};

const OptionSpec* find_long(std::string_view name) {
  for (const auto& spec : kOptions)
    if (spec.long_name == name) return &spec;
  return nullptr;
}

const OptionSpec* find_short(char letter, bool batch) {
  for (const auto& spec : kOptions)
    if ((batch ? spec.batch_short : spec.crashmail_short) == letter) return &spec;
  return nullptr;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Why crashmailbatch's short options apply ("" when they do not): the
// program's name, or the first crashmailbatch long option given.
std::string batch_reading_reason(std::string_view program, const std::vector<std::string>& args) {
  std::string_view name = base_name(program);
  // Any install prefix or suffix (--program-transform-name) keeps the name in it.
  if (name.find("crashmailbatch") != std::string_view::npos) return "the program's name";
  for (const auto& arg : args) {
    if (arg == "--") break;
    if (!arg.starts_with("--")) continue;
    std::string_view name_part = std::string_view(arg).substr(2);
    name_part = name_part.substr(0, name_part.find('='));
    const OptionSpec* spec = find_long(name_part);
    if (spec && spec->batch_only) return "--" + std::string(name_part);
  }
  return "";
}

int parse_positive_int(std::string_view option, std::string_view text, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0 || value > max)
    throw UsageError(std::string(option) + ": not a whole number from 1 to " + std::to_string(max) + ": '" +
                     std::string(text) + "'");
  return value;
}

double parse_minutes(std::string_view option, std::string_view text) {
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !std::isfinite(value) || value <= 0)
    throw UsageError(std::string(option) + ": not a positive number of minutes: '" + copy + "'");
  return value;
}

// "a@x, b@y" -> {"a@x", "b@y"}, as superlance splits --toEmail.
void add_addresses(std::vector<std::string>* out, std::string_view option, std::string_view text) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) {
      for (char c : item)
        if (c == '<' || c == '>' || c == '\r' || c == '\n' || c == ' ')
          throw UsageError(std::string(option) + ": not a mail address: '" + std::string(item) + "'");
      out->emplace_back(item);
    }
    pos = comma + 1;
  }
}

// "host", "host:port", "[::1]:port", "smtp://host:port", "smtps://host".
void parse_smtp_host(SmtpSettings* smtp, std::string_view option, std::string_view text) {
  std::string_view rest = text;
  if (rest.starts_with("smtps://")) {
    smtp->security = SmtpSecurity::kImplicitTls;
    rest.remove_prefix(8);
  } else if (rest.starts_with("smtp://")) {
    rest.remove_prefix(7);
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string_view host = rest;
  std::string_view port;
  if (rest.starts_with("[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos)
      throw UsageError(std::string(option) + ": unclosed '[' in '" + std::string(text) + "'");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw UsageError(std::string(option) + ": bad host '" + std::string(text) + "'");
      port = after.substr(1);
    }
  } else if (size_t colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(':') == colon) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.empty() || host.find_first_of("/@ ") != std::string_view::npos)
    throw UsageError(std::string(option) + ": bad host '" + std::string(text) + "'");
  smtp->host = std::string(host);
  if (!port.empty() || rest.ends_with(":")) smtp->port = parse_positive_int(option, port, 65535);
}

SmtpSecurity parse_starttls(std::string_view text) {
  if (text == "no") return SmtpSecurity::kPlain;
  if (text == "try") return SmtpSecurity::kStartTlsTry;
  if (text == "required") return SmtpSecurity::kStartTlsRequired;
  throw UsageError("--starttls: expected no, try or required, got '" + std::string(text) + "'");
}

int tick_seconds_of(std::string_view option, std::string_view event) {
  if (event == "TICK_5") return 5;
  if (event == "TICK_60") return 60;
  if (event == "TICK_3600") return 3600;
  throw UsageError(std::string(option) + ": supervisor sends TICK_5, TICK_60 or TICK_3600, not '" + std::string(event) +
                   "'");
}

struct ParseState {
  CrashmailOptions options;
  bool smtp_option_given = false;
  bool sendmail_given = false;
  bool security_given = false;
};

void apply(ParseState* st, const OptionSpec& spec, std::string_view shown, std::string_view value) {
  CrashmailOptions& o = st->options;
  switch (spec.id) {
    case Opt::kHelp: o.help = true; break;
    case Opt::kProgram:
      if (value.empty()) throw UsageError(std::string(shown) + ": empty program name");
      o.programs.emplace_back(value);
      break;
    case Opt::kAny: o.any = true; break;
    case Opt::kOptionalHeader: o.subject_prefix = std::string(value); break;
    case Opt::kSendmail:
      if (value.empty()) throw UsageError(std::string(shown) + ": empty command");
      o.sendmail_command = std::string(value);
      st->sendmail_given = true;
      break;
    case Opt::kEmail:
    case Opt::kToEmail: add_addresses(&o.to, shown, value); break;
    case Opt::kFromEmail:
    case Opt::kFrom: {
      std::vector<std::string> one;
      add_addresses(&one, shown, value);
      if (one.size() != 1)
        throw UsageError(std::string(shown) + ": expected one mail address, got '" + std::string(value) + "'");
      o.from = one.front();
      break;
    }
    case Opt::kInterval: o.interval_minutes = parse_minutes(shown, value); break;
    case Opt::kSubject: o.subject = std::string(value); break;
    case Opt::kSmtpHost:
    case Opt::kSmtp:
      parse_smtp_host(&o.smtp, shown, value);
      st->smtp_option_given = true;
      if (o.smtp.security == SmtpSecurity::kImplicitTls) st->security_given = true;
      break;
    case Opt::kTickEvent:
      o.tick_seconds = tick_seconds_of(shown, value);
      o.tick_event = std::string(value);
      break;
    case Opt::kUserName:
      o.smtp.user = std::string(value);
      st->smtp_option_given = true;
      break;
    case Opt::kPassword:
      o.smtp.password = std::string(value);
      st->smtp_option_given = true;
      break;
    case Opt::kTls:
      o.smtp.security = SmtpSecurity::kStartTlsRequired;
      st->smtp_option_given = st->security_given = true;
      break;
    case Opt::kSmtps:
      o.smtp.security = SmtpSecurity::kImplicitTls;
      st->smtp_option_given = st->security_given = true;
      break;
    case Opt::kStartTls:
      o.smtp.security = parse_starttls(value);
      st->smtp_option_given = st->security_given = true;
      break;
    case Opt::kSmtpPort:
      o.smtp.port = parse_positive_int(shown, value, 65535);
      st->smtp_option_given = true;
      break;
    case Opt::kTimeout: o.smtp.timeout_seconds = parse_positive_int(shown, value, 3600); break;
    case Opt::kCaFile:
      o.smtp.cafile = std::string(value);
      st->smtp_option_given = true;
      break;
    case Opt::kRetry: o.retry_seconds = parse_positive_int(shown, value, 86400); break;
    case Opt::kSupervisordPort: o.minos_port = parse_positive_int(shown, value, 65535); break;
    case Opt::kMinos:
      if (!o.minos_port) o.minos_port = 9001;
      break;
    case Opt::kAlertConfig:
      if (value.empty()) throw UsageError(std::string(shown) + ": empty file name");
      o.alert_config = std::string(value);
      break;
  }
}

void validate(ParseState* st) {
  CrashmailOptions& o = st->options;
  if (o.help) return;
  if (o.batch) {
    if (o.to.empty()) throw UsageError("--toEmail is required: the addresses to alert");
    if (o.from.empty()) throw UsageError("--fromEmail is required: the sender's address");
    if (st->sendmail_given)
      throw UsageError("--sendmail_program cannot be used with crashmailbatch's options (they mail over SMTP)");
  } else {
    if (o.to.empty()) throw UsageError("-m/--email is required: the address to alert");
    if (st->sendmail_given && st->smtp_option_given)
      throw UsageError("-s/--sendmail_program and SMTP options exclude each other: mail goes one way");
    o.use_sendmail = !st->smtp_option_given;
  }
  // superlance logs in only when both are given; as Minos runs it, the
  // password alone logs in as the sender's local part.
  if (!o.smtp.password.empty() && o.smtp.user.empty() && !o.from.empty())
    o.smtp.user = o.from.substr(0, o.from.find('@'));
}

}  // namespace

std::string smtp_url(const SmtpSettings& smtp) {
  bool implicit = smtp.security == SmtpSecurity::kImplicitTls;
  int port = smtp.port ? smtp.port : (implicit ? 465 : 25);
  std::string host = smtp.host.find(':') != std::string::npos ? "[" + smtp.host + "]" : smtp.host;
  return std::string(implicit ? "smtps://" : "smtp://") + host + ":" + std::to_string(port);
}

CrashmailOptions parse_crashmail_options(std::string_view program, const std::vector<std::string>& args) {
  ParseState st;
  std::string batch_reason = batch_reading_reason(program, args);
  st.options.batch = !batch_reason.empty();
  bool batch = st.options.batch;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      if (i + 1 < args.size()) throw UsageError("unexpected argument '" + args[i + 1] + "'");
      break;
    }
    if (arg.starts_with("--")) {
      std::string_view body = std::string_view(arg).substr(2);
      size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      const OptionSpec* spec = find_long(name);
      if (!spec) throw UsageError("no such option: --" + std::string(name));
      std::string shown = "--" + std::string(name);
      std::string_view value;
      if (spec->takes_value) {
        if (eq != std::string_view::npos) {
          value = body.substr(eq + 1);
        } else {
          if (i + 1 >= args.size()) throw UsageError(shown + " requires a value");
          value = args[++i];
        }
      } else if (eq != std::string_view::npos) {
        throw UsageError(shown + " takes no value");
      }
      apply(&st, *spec, shown, value);
    } else if (arg.size() > 1 && arg[0] == '-') {
      // Clustered flags ("-ah") and attached values ("-pweb") as getopt reads them.
      for (size_t j = 1; j < arg.size(); ++j) {
        const OptionSpec* spec = find_short(arg[j], batch);
        std::string shown = std::string("-") + arg[j];
        if (!spec && batch && find_short(arg[j], false))
          throw UsageError(shown + " is not an option of crashmailbatch's reading, chosen by " + batch_reason +
                           " (use its long form)");
        if (!spec) throw UsageError("no such option: " + shown);
        if (!spec->takes_value) {
          apply(&st, *spec, shown, {});
          continue;
        }
        std::string_view value;
        if (j + 1 < arg.size()) {
          value = std::string_view(arg).substr(j + 1);
        } else {
          if (i + 1 >= args.size()) throw UsageError(shown + " requires a value");
          value = args[++i];
        }
        apply(&st, *spec, shown, value);
        break;
      }
    } else {
      // superlance's crashmail takes a trailing URL it never uses; so do we.
      if (batch || i + 1 != args.size()) throw UsageError("unexpected argument '" + arg + "'");
    }
  }
  validate(&st);
  return st.options;
}

std::string crashmail_usage(bool batch) {
  if (batch)
    return "usage: crashmailbatch --toEmail=ADDR[,ADDR...] --fromEmail=ADDR [-i MINUTES] [-s SUBJECT]\n"
           "                      [-H HOST[:PORT]] [-e TICK_5|TICK_60|TICK_3600] [-u USER] [-p PASSWORD]\n"
           "                      [--tls | --starttls=no|try|required | --smtps] [--smtpPort=N]\n"
           "                      [--cafile=FILE] [--timeout=SECONDS] [--retry=SECONDS]\n"
           "                      [--minos | -l SUPERVISORD_PORT] [--alertConfig=FILE]\n"
           "Runs as a supervisor event listener (events=PROCESS_STATE,TICK_60) and mails,\n"
           "once per interval, every process that exited unexpectedly. See crashmail(1).\n";
  return "usage: crashmail -m ADDR [-p [GROUP:]NAME]... [-a] [-o PREFIX] [-s SENDMAIL_COMMAND]\n"
         "                 [--smtp=HOST[:PORT] [--from=ADDR] [--tls | --starttls=... | --smtps] ...]\n"
         "Runs as a supervisor event listener (events=PROCESS_STATE_EXITED) and mails an\n"
         "alert each time a chosen process exits unexpectedly. See crashmail(1).\n";
}

}  // namespace sn
