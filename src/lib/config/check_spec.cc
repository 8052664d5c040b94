#include "lib/config/check_spec.h"

#include "lib/config/value_parsers.h"
#include "lib/http/url.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

int parse_port(std::string_view text, std::string_view whole) {
  int port = 0;
  try {
    port = parse_int32(text);
  } catch (const ValueError&) {
  }
  if (port < 1 || port > 65535) throw ValueError("no valid port in " + py_repr(std::string(whole)));
  return port;
}

void parse_host_port(std::string_view authority, std::string_view whole, Probe* p) {
  std::optional<HostPort> hp = split_host_port(authority);
  if (!hp || hp->host.empty() || hp->port.empty())
    throw ValueError("expected HOST:PORT in " + py_repr(std::string(whole)));
  p->host = hp->host;
  p->port = parse_port(hp->port, whole);
}

}  // namespace

Probe parse_probe(std::string_view v) {
  std::string_view text = trim(v);
  Probe p;
  p.text = std::string(text);
  if (starts_with(text, "tcp:")) {
    p.kind = Probe::Kind::kTcp;
    parse_host_port(text.substr(4), text, &p);
  } else if (starts_with(text, "http://")) {
    p.kind = Probe::Kind::kHttp;
    std::optional<UrlParts> url = split_url(text);
    if (!url || !url->has_authority) throw ValueError("expected http://HOST:PORT/PATH, got " + py_repr(p.text));
    parse_host_port(url->authority, text, &p);
    p.path = url->path.empty() ? "/" : url->path;
    if (url->query) p.path += "?" + *url->query;
  } else if (starts_with(text, "command:")) {
    p.kind = Probe::Kind::kCommand;
    p.command = std::string(trim(text.substr(8)));
    if (p.command.empty()) throw ValueError("command: needs a command after it");
  } else {
    throw ValueError("expected tcp:HOST:PORT, http://HOST:PORT/PATH or command:COMMAND, got " + py_repr(p.text));
  }
  return p;
}

ReadyCheck parse_ready_check(std::string_view v) {
  std::string_view text = trim(v);
  ReadyCheck r;
  if (text == "startsecs") return r;
  if (text == "notify") {
    r.kind = ReadyCheck::Kind::kNotify;
  } else if (starts_with(text, "fd:")) {
    r.kind = ReadyCheck::Kind::kFd;
    try {
      r.fd = parse_int32(text.substr(3));
    } catch (const ValueError&) {
    }
    if (r.fd < 3 || r.fd > 1023)
      throw ValueError("fd: needs a descriptor from 3 to 1023 (0, 1 and 2 are stdin, stdout and stderr), got " +
                       py_repr(std::string(text)));
  } else if (starts_with(text, "tcp:") || starts_with(text, "http://") || starts_with(text, "command:")) {
    r.kind = ReadyCheck::Kind::kProbe;
    r.probe = parse_probe(text);
  } else {
    throw ValueError("expected startsecs, notify, fd:N, tcp:HOST:PORT, http://HOST:PORT/PATH or command:COMMAND, got " +
                     py_repr(std::string(text)));
  }
  return r;
}

HealthAction parse_health_action(std::string_view v) {
  std::string lower = to_lower(trim(v));
  if (lower == "restart") return HealthAction::kRestart;
  if (lower == "stop") return HealthAction::kStop;
  if (lower == "none") return HealthAction::kNone;
  throw ValueError("expected restart, stop or none, got " + py_repr(std::string(trim(v))));
}

}  // namespace sn
