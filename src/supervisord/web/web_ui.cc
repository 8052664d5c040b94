// Tested by t/integration/test_web.py (HTTP and headless Chromium).
#include "supervisord/web/web_ui.h"

#include <sys/random.h>

#include <ctime>

#include "config.h"
#include "lib/http/basic_auth.h"
#include "lib/http/url.h"
#include "lib/util/strings.h"
#include "supervisord/rpc/process_info.h"
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/web/html.h"

namespace sn {
namespace {

constexpr const char* kStyle = R"(
body{font-family:sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#2a4365;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;font-size:13px;opacity:.8}
main{padding:16px 24px}
.message{background:#fefcbf;border:1px solid #d69e2e;padding:8px 12px;margin-bottom:12px}
.toolbar{display:flex;gap:8px;margin-bottom:12px}
.toolbar form{margin:0}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:middle}
th{background:#edf2f7}
td.state{font-weight:bold;width:7em}
.statusrunning{color:#276749}.statuserror{color:#c53030}.statusnominal{color:#4a5568}
td.actions form{display:inline;margin:0 4px 0 0}
button,a.button{font:inherit;font-size:13px;padding:3px 10px;border:1px solid #a0aec0;border-radius:3px;
 background:#fff;color:#222;text-decoration:none;cursor:pointer;display:inline-block}
button:hover,a.button:hover{background:#edf2f7}
pre{background:#fff;border:1px solid #ddd;padding:8px;white-space:pre-wrap;word-break:break-all}
)";

// Where a process's name links: its http_url (the Minos fork's option, e.g.
// a NameNode's web UI) when that is an http(s) URL, else its tail page.
std::string name_link(const Process& p, const std::string& quoted_namespec) {
  const std::optional<std::string>& url = p.config().http_url;
  if (url && (url->starts_with("http://") || url->starts_with("https://"))) return html_escape(*url);
  return "tail.html?processname=" + quoted_namespec;
}

std::string ctime_now() {
  time_t now = std::time(nullptr);
  struct tm tm;
  localtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
  return buf;
}

std::string css_class(ProcessState s) {
  if (s == ProcessState::kRunning) return "statusrunning";
  if (s == ProcessState::kFatal || s == ProcessState::kBackoff) return "statuserror";
  return "statusnominal";
}

HttpResponse html_page(std::string body) {
  HttpResponse r;
  r.header("Content-Type", "text/html;charset=utf-8");
  r.header("Cache-Control", "no-cache");
  r.header("Pragma", "no-cache");
  r.header("X-Frame-Options", "DENY");
  r.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  r.body = std::move(body);
  return r;
}

std::string page(const std::string& title, const std::string& content) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title><style>" + kStyle + "</style></head><body>\n" + content + "</body></html>\n";
}

std::string start_error_text(const Fault& f) {
  switch (static_cast<FaultCode>(f.code)) {
    case FaultCode::kNoFile: return "no such file";
    case FaultCode::kNotExecutable: return "file not executable";
    case FaultCode::kAlreadyStarted: return "already started";
    case FaultCode::kSpawnError: return "spawn error";
    case FaultCode::kAbnormalTermination: return "abnormal termination";
    default: return "unexpected rpc fault [" + std::to_string(f.code) + "] " + f.text;
  }
}

// What a script that used supervisor's old GET links calls instead: the
// supervisorctl command, then the XML-RPC methods.
std::vector<std::string> replacements_for(const std::string& action, const std::string& name) {
  const std::string n = name.empty() ? "NAME" : name;
  if (action == "stopall") return {"supervisorctl stop all", "supervisor.stopAllProcesses"};
  if (action == "restartall")
    return {"supervisorctl restart all", "supervisor.stopAllProcesses", "supervisor.startAllProcesses"};
  if (action == "start") return {"supervisorctl start " + n, "supervisor.startProcess"};
  if (action == "stop") return {"supervisorctl stop " + n, "supervisor.stopProcess"};
  if (action == "restart") return {"supervisorctl restart " + n, "supervisor.stopProcess", "supervisor.startProcess"};
  if (action == "clearlog") return {"supervisorctl clear " + n, "supervisor.clearProcessLogs"};
  return {"supervisorctl help", "system.listMethods"};
}

// supervisor's page acted on GET links; ours acts only on its own forms, so
// a link followed by another site or a crawler changes nothing.
HttpResponse refuse_get_action(const std::string& action, const std::string& name) {
  std::vector<std::string> use = replacements_for(action, name);
  std::string calls;
  for (size_t i = 1; i < use.size(); ++i)
    calls += std::string(i > 1 ? " then " : "") + "<code>" + html_escape(use[i]) + "</code>";
  std::string body =
      "<main><p>Forbidden: this page does not act on links such as <code>index.html?action=" + html_escape(action) +
      "</code>; a GET changes nothing, so that a link followed by another site or a crawler cannot "
      "stop your programs.</p><p>Use the buttons of <a href=\"index.html\">the status page</a> "
      "(they send a POST with this daemon's token) or, from a script, <code>" +
      html_escape(use[0]) + "</code> or the XML-RPC call " + calls + ".</p></main>";
  HttpResponse r = html_page(page("Forbidden", body));
  r.status = 403;
  return r;
}

std::string unexpected(const Fault& f) { return "unexpected rpc fault [" + std::to_string(f.code) + "] " + f.text; }

XmlRpcValue call_struct(const std::string& method, RpcParams params) {
  return XmlRpcValue(XmlRpcValue::Struct{{"methodName", method}, {"params", XmlRpcValue(std::move(params))}});
}

}  // namespace

WebUi::WebUi(const Supervisor& supervisor, const RpcRegistry& registry, std::string token)
    : supervisor_(supervisor), registry_(registry), token_(std::move(token)) {}

std::string WebUi::make_token() {
  unsigned char bytes[16] = {};
  ssize_t got = ::getrandom(bytes, sizeof bytes, 0);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (ssize_t i = 0; i < got; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string WebUi::button(const std::string& action, const std::string& label, const std::string& namespec) const {
  std::string form =
      "<form method=\"post\" action=\"index.html\"><input type=\"hidden\" name=\"token\" value=\"" + token_ + "\">";
  if (!namespec.empty()) {
    form += "<input type=\"hidden\" name=\"processname\" value=\"" + html_escape(namespec) + "\">";
  }
  return form + "<button type=\"submit\" name=\"action\" value=\"" + action + "\">" + label + "</button></form>";
}

std::string WebUi::render_status(const std::string& message) const {
  std::string out = "<header><h1>Supervisor status</h1><p>" + html_escape(supervisor_.config().identifier) +
                    " &middot; supervisor-native " PACKAGE_VERSION "</p></header>\n<main>\n";
  if (!message.empty()) out += "<div class=\"message\" role=\"status\">" + html_escape(message) + "</div>\n";
  out += "<div class=\"toolbar\"><a class=\"button\" href=\"index.html\">Refresh</a>" +
         button("restartall", "Restart All", "") + button("stopall", "Stop All", "") + "</div>\n";
  out += "<table><thead><tr><th>State</th><th>Description</th><th>Name</th><th>Action</th></tr></thead><tbody>\n";
  double now = std::time(nullptr);
  std::vector<Process*> processes = supervisor_.processes_by_name();
  if (processes.empty()) out += "<tr><td colspan=\"4\">No programs to manage</td></tr>\n";
  for (Process* p : processes) {
    std::string ns = make_namespec(p->group_name(), p->name());
    std::string quoted = percent_encode(ns);
    ProcessState s = p->state();
    out += "<tr data-process=\"" + html_escape(ns) + "\"><td class=\"state " + css_class(s) + "\">" +
           std::string(process_state_name(s)) + "</td><td>" + html_escape(process_description(*p, now)) +
           "</td><td><a href=\"" + name_link(*p, quoted) + "\">" + html_escape(ns) + "</a></td><td class=\"actions\">";
    if (s == ProcessState::kRunning) {
      out += button("restart", "Restart", ns) + button("stop", "Stop", ns);
    } else if (s == ProcessState::kStopped || s == ProcessState::kExited || s == ProcessState::kFatal) {
      out += button("start", "Start", ns);
    }
    out += button("clearlog", "Clear Log", ns);
    out += "<a class=\"button\" href=\"logtail/" + quoted + "\" target=\"_blank\">Tail -f Stdout</a> ";
    out += "<a class=\"button\" href=\"logtail/" + quoted + "/stderr\" target=\"_blank\">Tail -f Stderr</a>";
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n</main>\n";
  return page("Supervisor Status", out);
}

void WebUi::serve_status(const HttpRequest& request, Responder responder) const {
  auto query = parse_query(request.query);
  const std::string& action = query["action"];
  if (!action.empty() && action != "refresh") return responder.send(refuse_get_action(action, query["processname"]));
  responder.send(html_page(render_status(query["message"])));
}

void WebUi::run_action(const std::string& action, const std::string& ns, std::function<void(std::string)> done) const {
  if (action == "refresh") return done("Page refreshed at " + ctime_now());
  if (action == "stopall") {
    return registry_.call("supervisor.stopAllProcesses", {},
                          [done](RpcResult) { done("All stopped at " + ctime_now()); });
  }
  if (action == "restartall") {
    XmlRpcValue calls = XmlRpcValue::array(
        {call_struct("supervisor.stopAllProcesses", {}), call_struct("supervisor.startAllProcesses", {})});
    return registry_.call("system.multicall", {calls}, [done](RpcResult) { done("All restarted at " + ctime_now()); });
  }
  Namespec spec = split_namespec(ns);
  ProcessGroup* group = supervisor_.find_group(spec.group);
  if (ns.empty() || !spec.process || !group || !group->find(*spec.process)) {
    return done("No such process named " + ns);
  }
  if (action == "start") {
    return registry_.call("supervisor.startProcess", {ns}, [done, ns](RpcResult r) {
      done(r.ok ? "Process " + ns + " started" : "ERROR: Process " + ns + ": " + start_error_text(r.fault));
    });
  }
  if (action == "stop") {
    return registry_.call("supervisor.stopProcess", {ns},
                          [done, ns](RpcResult r) { done(r.ok ? "Process " + ns + " stopped" : unexpected(r.fault)); });
  }
  if (action == "restart") {
    XmlRpcValue calls =
        XmlRpcValue::array({call_struct("supervisor.stopProcess", {ns}), call_struct("supervisor.startProcess", {ns})});
    return registry_.call("system.multicall", {calls}, [done, ns](RpcResult) { done("Process " + ns + " restarted"); });
  }
  if (action == "clearlog") {
    return registry_.call("supervisor.clearProcessLogs", {ns},
                          [done, ns](RpcResult r) { done(r.ok ? "Log for " + ns + " cleared" : unexpected(r.fault)); });
  }
  done("Unknown action " + action);
}

void WebUi::serve_action(const HttpRequest& request, Responder responder) const {
  auto form = parse_query(request.body);
  if (!constant_time_equals(form["token"], token_)) {
    HttpResponse r = html_page(page("Forbidden",
                                    "<main><p>This form is stale or did not come from this page. "
                                    "<a href=\"index.html\">Reload the status page</a>.</p></main>"));
    r.status = 403;
    return responder.send(r);
  }
  run_action(form["action"], form["processname"], [responder](std::string message) mutable {
    HttpResponse r;
    r.status = 303;
    r.header("Location", "index.html?message=" + percent_encode(message));
    responder.send(r);
  });
}

void WebUi::serve_tail(const HttpRequest& request, Responder responder) const {
  auto query = parse_query(request.query);
  std::string ns = query["processname"];
  int64_t limit = 1024;
  if (auto n = parse_python_int(query["limit"]); n && *n > limit) limit = *n;
  std::string text;
  if (ns.empty()) {
    text = "No process name found";
  } else {
    registry_.call("supervisor.readProcessStdoutLog", {ns, -limit, 0}, [&text, &ns](RpcResult r) {
      if (r.ok) text = r.value.as_string();
      else if (r.fault.code == static_cast<int>(FaultCode::kNoFile)) text = "No file for " + ns;
      else text = "ERROR: unexpected rpc fault [" + std::to_string(r.fault.code) + "] " + r.fault.text;
    });
  }
  std::string body = "<header><h1>Tail of " + html_escape(ns) + "</h1></header>\n<main>\n<div class=\"toolbar\">";
  if (!ns.empty()) {
    body += "<a class=\"button\" href=\"tail.html?processname=" + percent_encode(ns) +
            "&amp;limit=" + std::to_string(limit) + "\">Refresh</a>";
  }
  body += "<a class=\"button\" href=\"index.html\">Status</a></div>\n<pre>" + html_escape(text) + "</pre>\n</main>\n";
  responder.send(html_page(page("Supervisor tail of process " + ns, body)));
}

}  // namespace sn
