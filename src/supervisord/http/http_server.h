// The HTTP server on the daemon's event loop: every configured listener
// (TCP and unix socket at once), Basic auth per listener, and the
// connections. Each listener has a budget of its own (so a flood on the
// TCP port never keeps supervisorctl off the unix socket), in which peers
// that have not authenticated give way to newcomers (see
// connection_budget.h). Out of descriptors, it makes room at once: it
// drops the most idle unauthenticated connection, or answers 503 on a
// spare descriptor, rather than pausing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/http/basic_auth.h"
#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "lib/util/memory_trimmer.h"
#include "supervisord/http/connection_budget.h"
#include "supervisord/http/http_connection.h"
#include "supervisord/http/listener_set.h"

namespace sn {

class HttpServer {
 public:
  HttpServer(EventLoop& loop, Logger& logger, HttpHandler& handler, ListenerSet& listeners,
             HttpServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves every listener of `servers` (taking those already open from the
  // set, closing the set's others). False, naming the first that could
  // not be opened; the others are served.
  bool listen(const std::vector<HttpServerConfig>& servers, std::string* error);
  size_t connection_count() const { return connections_.size(); }

 private:
  struct Endpoint {
    Listener* listener;
    std::optional<BasicAuth> auth;
    ConnectionBudget budget;
    EventLoop::Watch watch;
  };
  struct Client {
    std::unique_ptr<HttpConnection> connection;
    Endpoint* endpoint;
  };
  void accept_from(Endpoint& endpoint);
  // Out of descriptors: takes the waiting client (if any) on the spare
  // descriptor and keeps it when room can be made, else answers it 503;
  // false when nobody was waiting (or there is no spare).
  bool accept_on_spare(Endpoint& endpoint);
  void admit(Endpoint& endpoint, UniqueFd fd, const std::string& peer);
  // Closes the most idle unauthenticated connection of any listener; false if there is none.
  bool make_room();
  void retire(ConnectionBudget::Id id);

  EventLoop& loop_;
  Logger& logger_;
  HttpHandler& handler_;
  ListenerSet& listeners_;
  HttpServerLimits limits_;
  MemoryTrimmer trimmer_;
  UniqueFd spare_;  // given up to accept and refuse a client when out of descriptors
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  std::unordered_map<ConnectionBudget::Id, Client> connections_;
  ConnectionBudget::Id next_id_ = 1;
  // Closed connections, destroyed on the next loop round (not inside their own callbacks).
  std::vector<std::unique_ptr<HttpConnection>> retired_;
  Timer reaper_;
  Timer resume_accepting_;
};

}  // namespace sn
