// The HTTP server on the daemon's event loop: every configured listener
// (TCP and unix socket at once), Basic auth per listener, a cap on
// connections (503 beyond), and the connections themselves.
#pragma once

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/http/basic_auth.h"
#include "lib/util/event_loop.h"
#include "lib/util/memory_trimmer.h"
#include "lib/util/logger.h"
#include "supervisord/http/http_connection.h"
#include "supervisord/http/listener.h"

namespace sn {

class HttpServer {
 public:
  HttpServer(EventLoop& loop, Logger& logger, HttpHandler& handler, HttpServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Opens every listener of `servers`; throws ListenError (nothing stays open then).
  void listen(const std::vector<HttpServerConfig>& servers);
  size_t connection_count() const { return connections_.size(); }

 private:
  struct Endpoint {
    Listener listener;
    std::optional<BasicAuth> auth;
    EventLoop::Watch watch;
  };
  void accept_from(Endpoint& endpoint);
  void retire(HttpConnection* connection);

  EventLoop& loop_;
  Logger& logger_;
  HttpHandler& handler_;
  HttpServerLimits limits_;
  MemoryTrimmer trimmer_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  std::unordered_map<HttpConnection*, std::unique_ptr<HttpConnection>> connections_;
  // Closed connections, destroyed on the next loop round (not inside their own callbacks).
  std::vector<std::unique_ptr<HttpConnection>> retired_;
  Timer reaper_;
  Timer resume_accepting_;
};

}  // namespace sn
