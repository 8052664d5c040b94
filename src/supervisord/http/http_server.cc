// Tested by t/integration/test_http.py (listeners, limits, 503, auth).
#include "supervisord/http/http_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {

HttpServer::HttpServer(EventLoop& loop, Logger& logger, HttpHandler& handler, HttpServerLimits limits)
    : loop_(loop),
      logger_(logger),
      handler_(handler),
      limits_(limits),
      trimmer_(loop.timers(), loop.clock()),
      reaper_(loop.timers(), [this] { retired_.clear(); }),
      resume_accepting_(loop.timers(), [this] {
        for (auto& e : endpoints_) e->watch.set_events(EPOLLIN);
      }) {}

HttpServer::~HttpServer() {
  // Connections first: their callbacks point at this server.
  connections_.clear();
  retired_.clear();
}

void HttpServer::listen(const std::vector<HttpServerConfig>& servers) {
  std::vector<std::unique_ptr<Endpoint>> opened;
  for (const HttpServerConfig& config : servers) {
    auto e = std::make_unique<Endpoint>(Endpoint{Listener::open(config), std::nullopt, {}});
    if (config.username && config.password) {
      e->auth.emplace(*config.username, *config.password);
    } else {
      logger_.critical("Server '" + config.section + "' running without any HTTP authentication checking");
    }
    opened.push_back(std::move(e));
  }
  for (auto& e : opened) {
    Endpoint* endpoint = e.get();
    e->watch = loop_.watch(e->listener.fd(), EPOLLIN, [this, endpoint](uint32_t) { accept_from(*endpoint); });
    endpoints_.push_back(std::move(e));
  }
}

void HttpServer::accept_from(Endpoint& endpoint) {
  for (;;) {
    int fd = ::accept4(endpoint.listener.fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) {
        // Out of descriptors: stop accepting for a moment instead of spinning.
        logger_.warn(std::string("cannot accept HTTP connections: ") + std::strerror(errno));
        for (auto& e : endpoints_) e->watch.set_events(0);
        resume_accepting_.arm_at(loop_.clock().monotonic_ns() + kNanosPerSecond);
      }
      return;
    }
    UniqueFd client(fd);
    if (connections_.size() >= limits_.max_connections) {
      std::string busy = error_response(503).serialize(false);
      [[maybe_unused]] ssize_t n = ::send(client.get(), busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      continue;
    }
    auto connection = std::make_unique<HttpConnection>(loop_, std::move(client), handler_,
                                                       endpoint.auth ? &*endpoint.auth : nullptr, limits_, trimmer_,
                                                       [this](HttpConnection* c) { retire(c); });
    HttpConnection* raw = connection.get();
    connections_.emplace(raw, std::move(connection));
  }
}

void HttpServer::retire(HttpConnection* connection) {
  auto it = connections_.find(connection);
  if (it == connections_.end()) return;
  retired_.push_back(std::move(it->second));
  connections_.erase(it);
  if (!reaper_.armed()) reaper_.arm_at(loop_.clock().monotonic_ns());
}

}  // namespace sn
