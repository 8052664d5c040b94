// Tested by t/unit/probe_run_test.cc and t/integration/test_readiness.py.
#include "supervisord/process/probe_run.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {
namespace {

constexpr size_t kMaxStatusLine = 1024;

// The address of a probe's host: an IPv4 or IPv6 literal, or localhost.
bool probe_address(const Probe& probe, sockaddr_storage* out, socklen_t* len) {
  std::memset(out, 0, sizeof *out);
  std::string host = probe.host == "localhost" ? "127.0.0.1" : probe.host;
  auto* v4 = reinterpret_cast<sockaddr_in*>(out);
  if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(probe.port));
    *len = sizeof *v4;
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(out);
  if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(probe.port));
    *len = sizeof *v6;
    return true;
  }
  return false;
}

std::string lower_strerror(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

ProbeRun::ProbeRun(EventLoop& loop, LaunchPad& pad, const Probe& probe, int timeout_ms, Done done)
    : loop_(loop),
      probe_(probe),
      done_(std::move(done)),
      deadline_(loop.timers(), [this] { finish(false, "no answer in time"); }),
      first_step_(loop.timers(), [this] { start_connect(); }) {
  if (probe.kind == Probe::Kind::kCommand) {
    // The task keeps its own time: past it, its whole process group is killed.
    int seconds = std::max(1, (timeout_ms + 999) / 1000);
    command_ = std::make_unique<ChildTask>(
        loop, pad, std::vector<std::string>{"/bin/sh", "-c", probe.command}, "", seconds,
        [this, seconds](TaskResult r) { finish(r.ok(), r.ok() ? "" : r.describe(seconds)); });
    return;
  }
  deadline_.arm_at(loop.clock().monotonic_ns() + int64_t{timeout_ms} * 1'000'000);
  first_step_.arm_at(loop.clock().monotonic_ns());
}

void ProbeRun::start_connect() {
  sockaddr_storage address;
  socklen_t length = 0;
  if (!probe_address(probe_, &address, &length))
    return finish(false, "the host must be an address or localhost: " + probe_.host);
  socket_.reset(::socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!socket_) return finish(false, "socket: " + lower_strerror(errno));
  if (::connect(socket_.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 && errno != EINPROGRESS)
    return finish(false, lower_strerror(errno));
  if (probe_.kind == Probe::Kind::kHttp) {
    std::string host = probe_.host.find(':') != std::string::npos ? "[" + probe_.host + "]" : probe_.host;
    request_ = "GET " + probe_.path + " HTTP/1.0\r\nHost: " + host + ":" + std::to_string(probe_.port) +
               "\r\nUser-Agent: supervisor-native probe\r\nConnection: close\r\n\r\n";
  }
  watch_ = loop_.watch(socket_.get(), EPOLLOUT, [this](uint32_t events) { on_socket(events); });
}

void ProbeRun::on_socket(uint32_t events) {
  if (!connected_) {
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(socket_.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) return finish(false, lower_strerror(err));
    if (events & (EPOLLERR | EPOLLHUP)) return finish(false, "the connection failed");
    connected_ = true;
    if (probe_.kind == Probe::Kind::kTcp) return finish(true, "");
  }
  if (sent_ < request_.size()) return send_request();
  read_answer();
}

void ProbeRun::send_request() {
  ssize_t n = ::send(socket_.get(), request_.data() + sent_, request_.size() - sent_, MSG_NOSIGNAL);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    return finish(false, lower_strerror(errno));
  }
  sent_ += static_cast<size_t>(n);
  if (sent_ == request_.size()) watch_.set_events(EPOLLIN);
}

void ProbeRun::read_answer() {
  char buf[512];
  ssize_t n = ::recv(socket_.get(), buf, sizeof buf, 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    return finish(false, lower_strerror(errno));
  }
  answer_.append(buf, static_cast<size_t>(n));
  size_t eol = answer_.find('\n');
  if (eol == std::string::npos && n > 0 && answer_.size() < kMaxStatusLine) return;
  // "HTTP/1.1 200 OK": the code is the second word.
  std::string line = answer_.substr(0, std::min(eol, answer_.size()));
  size_t space = line.find(' ');
  if (line.rfind("HTTP/", 0) != 0 || space == std::string::npos || line.size() < space + 4)
    return finish(false, "not an HTTP answer");
  std::string code = line.substr(space + 1, 3);
  if (code[0] == '2') return finish(true, "");
  finish(false, "HTTP " + code);
}

void ProbeRun::finish(bool ok, const std::string& why) {
  if (finished_) return;
  finished_ = true;
  watch_.reset();
  socket_.reset();
  deadline_.cancel();
  first_step_.cancel();
  // Last: the callback may destroy this run.
  Done done = std::move(done_);
  done(ok, why);
}

}  // namespace sn
