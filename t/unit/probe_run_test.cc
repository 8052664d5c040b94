#include "supervisord/process/probe_run.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <string>

#include "lib/config/check_spec.h"

namespace sn {
namespace {

// A listening socket on 127.0.0.1 and an ephemeral port.
struct Listener {
  Listener() {
    fd.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(fd.get(), 8), 0);
    socklen_t len = sizeof a;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  UniqueFd fd;
  int port = 0;
};

class ProbeRunTest : public ::testing::Test {
 protected:
  // Runs the probe to its end (or 5 s); the answer, if any.
  std::optional<std::pair<bool, std::string>> run(const std::string& text, int timeout_ms = 2000,
                                                  const std::function<void()>& each_round = {}) {
    probe = parse_probe(text);
    std::optional<std::pair<bool, std::string>> answer;
    ProbeRun run(loop, pad, probe, timeout_ms, [&](bool ok, const std::string& why) { answer = {ok, why}; });
    for (int i = 0; i < 500 && !answer; ++i) {
      loop.run_once(10);
      if (each_round) each_round();
    }
    return answer;
  }

  EventLoop loop;
  LaunchPad pad;
  Probe probe;
};

TEST_F(ProbeRunTest, TcpSucceedsWhenAConnectionIsAccepted) {
  Listener l;
  auto answer = run("tcp:127.0.0.1:" + std::to_string(l.port));
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->first) << answer->second;
}

TEST_F(ProbeRunTest, TcpFailsWithTheReasonWhenNobodyListens) {
  int port;
  {
    Listener l;
    port = l.port;
  }
  auto answer = run("tcp:127.0.0.1:" + std::to_string(port));
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->first);
  EXPECT_EQ(answer->second, "connection refused");
}

TEST_F(ProbeRunTest, HttpNeedsA2xxAnswer) {
  for (auto [status, ok] : {std::pair{"204 No Content", true}, std::pair{"500 Oops", false}}) {
    Listener l;
    std::string request;
    auto serve = [&] {
      int c = ::accept4(l.fd.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (c < 0) return;
      UniqueFd conn(c);
      char buf[1024];
      for (int i = 0; i < 100 && request.find("\r\n\r\n") == std::string::npos; ++i) {
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n > 0) request.append(buf, static_cast<size_t>(n));
        else ::usleep(1000);
      }
      std::string answer = std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 0\r\n\r\n";
      ASSERT_EQ(::write(c, answer.data(), answer.size()), static_cast<ssize_t>(answer.size()));
    };
    ::fcntl(l.fd.get(), F_SETFL, O_NONBLOCK);
    auto answer = run("http://127.0.0.1:" + std::to_string(l.port) + "/health?x=1", 2000, serve);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->first, ok) << answer->second;
    if (!ok) {
      EXPECT_EQ(answer->second, "HTTP 500");
    }
    EXPECT_EQ(request.substr(0, request.find("\r\n")), "GET /health?x=1 HTTP/1.0");
  }
}

TEST_F(ProbeRunTest, AServerThatNeverAnswersTimesOut) {
  Listener l;  // accepts in the kernel's backlog, never answers
  auto answer = run("http://127.0.0.1:" + std::to_string(l.port) + "/", 200);
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->first);
  EXPECT_EQ(answer->second, "no answer in time");
}

TEST_F(ProbeRunTest, ACommandMustExitZero) {
  auto good = run("command:exit 0");
  ASSERT_TRUE(good);
  EXPECT_TRUE(good->first);
  auto bad = run("command:echo nope; exit 4");
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->first);
  EXPECT_EQ(bad->second, "exited with status 4: nope");
}

TEST_F(ProbeRunTest, ANameIsNeverLookedUp) {
  auto answer = run("tcp:example.invalid:80");
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->first);
  EXPECT_EQ(answer->second, "the host must be an address or localhost: example.invalid");
}

}  // namespace
}  // namespace sn
