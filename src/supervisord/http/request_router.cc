// Tested by t/integration/test_http.py and t/integration/test_web.py.
#include "supervisord/http/request_router.h"

#include <unistd.h>

#include "lib/http/url.h"
#include "supervisord/http/log_tail.h"
#include "supervisord/http/rpc_endpoint.h"
#include "supervisord/rpc/process_lookup.h"

namespace sn {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

HttpResponse method_not_allowed(const char* allow) {
  HttpResponse r = error_response(405);
  r.header("Allow", allow);
  return r;
}

bool is_get(const HttpRequest& r) { return r.method == "GET" || r.method == "HEAD"; }

}  // namespace

void RequestRouter::handle(HttpRequest request, Responder responder) {
  const std::string& path = request.path;
  if (starts_with(path, "/RPC2")) return serve_xmlrpc(registry_, logger_, bad_requests_, request, std::move(responder));
  if (starts_with(path, "/logtail")) return serve_logtail(request, std::move(responder));
  if (starts_with(path, "/mainlogtail")) return serve_mainlogtail(request, std::move(responder));
  if (path == "/" || path == "/index.html") {
    if (is_get(request)) return web_.serve_status(request, std::move(responder));
    if (request.method == "POST") return web_.serve_action(request, std::move(responder));
    return responder.send(method_not_allowed("GET, HEAD, POST"));
  }
  if (path == "/tail.html") {
    if (!is_get(request)) return responder.send(method_not_allowed("GET, HEAD"));
    return web_.serve_tail(request, std::move(responder));
  }
  if (path == "/ok.html") {
    HttpResponse r;
    r.header("Content-Type", "text/html");
    r.body = "<html><body>OK</body></html>\n";
    return responder.send(r);
  }
  responder.send(error_response(404));
}

void RequestRouter::serve_logtail(const HttpRequest& request, Responder responder) {
  if (!is_get(request)) return responder.send(method_not_allowed("GET"));
  std::optional<std::string> path = percent_decode(request.path);
  std::string rest = path ? path->substr(std::string("/logtail").size()) : "";
  while (!rest.empty() && rest[0] == '/') rest.erase(0, 1);
  size_t slash = rest.find('/');
  std::string name = rest.substr(0, slash);
  std::string channel = slash == std::string::npos ? "stdout" : rest.substr(slash + 1);
  Namespec spec = split_namespec(name);
  ProcessGroup* group = supervisor_.find_group(spec.group);
  Process* process = group && spec.process ? group->find(*spec.process) : nullptr;
  if (!process || (channel != "stdout" && channel != "stderr")) return responder.send(error_response(404));
  const std::string& log = channel == "stdout" ? process->stdout_log_path() : process->stderr_log_path();
  if (log.empty() || !LogTail::start(loop_, watchers_, log, responder)) responder.send(error_response(404));
}

void RequestRouter::serve_mainlogtail(const HttpRequest& request, Responder responder) {
  if (!is_get(request)) return responder.send(method_not_allowed("GET"));
  const std::string& log = supervisor_.config().logfile;
  if (log == "syslog" || !LogTail::start(loop_, watchers_, log, responder)) responder.send(error_response(404));
}

}  // namespace sn
