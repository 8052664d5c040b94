// Which part of supervisord answers which URL: /RPC2 (XML-RPC),
// /logtail/<name>[/stdout|/stderr] and /mainlogtail (streaming tails),
// and the web page (/, /index.html, /tail.html, /ok.html).
#pragma once

#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "lib/util/rate_limiter.h"
#include "supervisord/http/http_connection.h"
#include "supervisord/output/file_watchers.h"
#include "supervisord/rpc/rpc_registry.h"
#include "supervisord/supervisor.h"
#include "supervisord/web/web_ui.h"

namespace sn {

class RequestRouter : public HttpHandler {
 public:
  RequestRouter(EventLoop& loop, Logger& logger, const Supervisor& supervisor, const RpcRegistry& registry,
                FileWatchers& watchers, const WebUi& web)
      : loop_(loop),
        logger_(logger),
        supervisor_(supervisor),
        registry_(registry),
        watchers_(watchers),
        web_(web),
        bad_requests_(loop.clock(), 10, kNanosPerSecond) {}

  void handle(HttpRequest request, Responder responder) override;

 private:
  void serve_logtail(const HttpRequest& request, Responder responder);
  void serve_mainlogtail(const HttpRequest& request, Responder responder);

  EventLoop& loop_;
  Logger& logger_;
  const Supervisor& supervisor_;
  const RpcRegistry& registry_;
  FileWatchers& watchers_;
  const WebUi& web_;
  RateLimiter bad_requests_;  // refused XML-RPC bodies logged: at most 10 a second
};

}  // namespace sn
