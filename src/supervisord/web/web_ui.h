// The status page supervisor users know, served at / and /index.html:
// every process with its state and description, start / stop / restart /
// clear-log buttons, tail links, and restart-all / stop-all, with a message
// after each action. Self-contained (no external assets), works without
// JavaScript. Unlike supervisor's page (GET links, open to CSRF), actions
// change state only on POST carrying this daemon's token.
#pragma once

#include <string>

#include "lib/http/request.h"
#include "supervisord/http/responder.h"
#include "supervisord/rpc/rpc_registry.h"
#include "supervisord/supervisor.h"

namespace sn {

class WebUi {
 public:
  // `token` is a per-daemon secret embedded in every form.
  WebUi(const Supervisor& supervisor, const RpcRegistry& registry, std::string token);

  void serve_status(const HttpRequest& request, Responder responder) const;
  void serve_action(const HttpRequest& request, Responder responder) const;
  void serve_tail(const HttpRequest& request, Responder responder) const;

  // 32 hex digits from the kernel's random source.
  static std::string make_token();

 private:
  std::string render_status(const std::string& message) const;
  std::string button(const std::string& action, const std::string& label, const std::string& namespec) const;
  void run_action(const std::string& action, const std::string& namespec, std::function<void(std::string)> done) const;

  const Supervisor& supervisor_;
  const RpcRegistry& registry_;
  std::string token_;
};

}  // namespace sn
