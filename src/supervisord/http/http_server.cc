// Tested by t/integration/test_http.py (listeners, budgets, floods of
// unauthenticated and idle clients, descriptors running out, auth).
#include "supervisord/http/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {
namespace {

// Who is at the other end, for the per-peer budget: the IP address, or
// on a unix socket the user.
std::string peer_of(int fd, const sockaddr_storage& addr, bool unix_socket) {
  if (unix_socket) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) return "uid " + std::to_string(cred.uid);
    return "unix";
  }
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, text, sizeof text);
  else if (addr.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, text, sizeof text);
  return text;
}

void send_busy(int fd) {
  std::string busy = error_response(503).serialize(false);
  [[maybe_unused]] ssize_t n = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

UniqueFd open_spare() { return UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)); }

}  // namespace

HttpServer::HttpServer(EventLoop& loop, Logger& logger, HttpHandler& handler, ListenerSet& listeners,
                       HttpServerLimits limits)
    : loop_(loop),
      logger_(logger),
      handler_(handler),
      listeners_(listeners),
      limits_(limits),
      trimmer_(loop.timers(), loop.clock()),
      spare_(open_spare()),
      reaper_(loop.timers(), [this] { retired_.clear(); }),
      resume_accepting_(loop.timers(), [this] {
        for (auto& e : endpoints_) e->watch.set_events(EPOLLIN);
      }) {}

HttpServer::~HttpServer() {
  // Connections first: their callbacks point at this server.
  connections_.clear();
  retired_.clear();
}

bool HttpServer::listen(const std::vector<HttpServerConfig>& servers, std::string* error) {
  std::string first_error;
  for (const HttpServerConfig& config : servers) {
    ListenFailure failure;
    Listener* listener = listeners_.acquire(config, &failure);
    if (!listener) {
      if (first_error.empty()) first_error = failure.message;
      continue;
    }
    auto e = std::make_unique<Endpoint>(Endpoint{listener, std::nullopt, ConnectionBudget(limits_.budget), {}});
    if (config.username && config.password) {
      e->auth.emplace(*config.username, *config.password);
    } else {
      logger_.critical("Server '" + config.section + "' running without any HTTP authentication checking");
    }
    endpoints_.push_back(std::move(e));
  }
  listeners_.release_unacquired();
  for (auto& e : endpoints_) {
    Endpoint* endpoint = e.get();
    e->watch = loop_.watch(e->listener->fd(), EPOLLIN, [this, endpoint](uint32_t) { accept_from(*endpoint); });
  }
  if (first_error.empty()) return true;
  *error = first_error;
  return false;
}

void HttpServer::accept_from(Endpoint& endpoint) {
  for (;;) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    int fd = ::accept4(endpoint.listener->fd(), reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // Out of descriptors (the kernel says so whether or not anyone waits):
      // see to whoever waits now, never later.
      if ((errno == EMFILE || errno == ENFILE) && accept_on_spare(endpoint)) continue;
      return;
    }
    std::string peer = peer_of(fd, addr, endpoint.listener->is_unix());
    admit(endpoint, UniqueFd(fd), peer);
  }
}

bool HttpServer::accept_on_spare(Endpoint& endpoint) {
  if (!spare_) {
    logger_.warn(std::string("cannot accept HTTP connections: ") + std::strerror(errno));
    for (auto& e : endpoints_) e->watch.set_events(0);
    resume_accepting_.arm_at(loop_.clock().monotonic_ns() + kNanosPerSecond / 10);
    return false;
  }
  spare_.reset();
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  UniqueFd client(
      ::accept4(endpoint.listener->fd(), reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC));
  if (!client) {
    spare_ = open_spare();
    return false;  // nobody was waiting
  }
  // A client in hand, on the spare's descriptor: it stays if an idle
  // unauthenticated connection makes room for the spare, else it gets 503.
  if (make_room()) {
    spare_ = open_spare();
    std::string peer = peer_of(client.get(), addr, endpoint.listener->is_unix());
    admit(endpoint, std::move(client), peer);
  } else {
    send_busy(client.get());
    client.reset();
    spare_ = open_spare();
  }
  return true;
}

void HttpServer::admit(Endpoint& endpoint, UniqueFd fd, const std::string& peer) {
  ConnectionBudget::Admission a = endpoint.budget.on_arrival(peer);
  // Before one is dropped as idle, what it may have sent meanwhile is read:
  // a burst of clients is accepted before any of them has been read. Each
  // round either drops one or sees one prove itself, so this ends.
  while (a.evict) {
    auto victim = connections_.find(*a.evict);
    if (victim == connections_.end()) return send_busy(fd.get());  // not ours: never admit past the budget
    victim->second.connection->read_now();
    if (endpoint.budget.is_unproven(*a.evict)) {
      auto still = connections_.find(*a.evict);
      if (still != connections_.end()) still->second.connection->close();
      break;
    }
    a = endpoint.budget.on_arrival(peer);  // it proved itself (or left): look again
  }
  if (!a.admit) return send_busy(fd.get());
  ConnectionBudget::Id id = next_id_++;
  ConnectionBudget& budget = endpoint.budget;
  ConnectionEvents events;
  events.closed = [this, id](HttpConnection*) { retire(id); };
  events.proven = [&budget, id](HttpConnection*) { budget.prove(id); };
  events.active = [&budget, id](HttpConnection*) { budget.touch(id); };
  auto connection = std::make_unique<HttpConnection>(
      loop_, std::move(fd), handler_, endpoint.auth ? &*endpoint.auth : nullptr, limits_, trimmer_, std::move(events));
  budget.add(id, peer);
  connections_.emplace(id, Client{std::move(connection), &endpoint});
}

bool HttpServer::make_room() {
  for (auto& e : endpoints_) {
    std::optional<ConnectionBudget::Id> victim = e->budget.most_idle_unproven();
    if (!victim) continue;
    auto it = connections_.find(*victim);
    if (it == connections_.end()) continue;
    it->second.connection->close();  // its descriptor is free now
    return true;
  }
  return false;
}

void HttpServer::retire(ConnectionBudget::Id id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  it->second.endpoint->budget.remove(id);
  retired_.push_back(std::move(it->second.connection));
  connections_.erase(it);
  if (!reaper_.armed()) reaper_.arm_at(loop_.clock().monotonic_ns());
}

}  // namespace sn
