// A local HTTP peer for unit tests: listens on 127.0.0.1 and answers one
// request (read until `request_end`) with `reply`, verbatim.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "lib/util/unique_fd.h"

namespace sn::test {

// A socket listening on 127.0.0.1 at a port the kernel chose (*port).
// Connections queue on it until someone accepts them.
inline UniqueFd loopback_listener(int* port, int backlog = 1) {
  UniqueFd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  EXPECT_EQ(::bind(listener.get(), reinterpret_cast<sockaddr*>(&a), len), 0);
  EXPECT_EQ(::listen(listener.get(), backlog), 0);
  ::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&a), &len);
  *port = ntohs(a.sin_port);
  return listener;
}

// Listens on 127.0.0.1 and answers one request with `reply`, verbatim.
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply, std::string request_end = "</methodCall>")
      : reply_(std::move(reply)), request_end_(std::move(request_end)) {
    listener_ = loopback_listener(&port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneShotServer() { thread_.join(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string request;

 private:
  void serve() {
    // A client that never comes fails the test instead of hanging it.
    pollfd p{listener_.get(), POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) return;
    UniqueFd c(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    char buf[4096];
    while (request.find(request_end_) == std::string::npos) {
      ssize_t n = ::read(c.get(), buf, sizeof buf);
      if (n <= 0) break;
      request.append(buf, static_cast<size_t>(n));
    }
    (void)!::write(c.get(), reply_.data(), reply_.size());
  }
  std::string reply_;
  std::string request_end_;
  UniqueFd listener_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace sn::test
