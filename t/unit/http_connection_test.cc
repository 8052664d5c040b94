#include "supervisord/http/http_connection.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <memory>
#include <vector>

#include "lib/http/basic_auth.h"

namespace sn {
namespace {

// Answers /slow later (when told) and everything else at once, echoing the path.
class Handler : public HttpHandler {
 public:
  void handle(HttpRequest request, Responder responder) override {
    if (request.path == "/slow") {
      held.push_back(responder);
      return;
    }
    HttpResponse r;
    r.body = request.path == "/big" ? std::string(100'000, 'b') : request.path;
    responder.send(r);
  }
  std::vector<Responder> held;
};

class HttpConnectionTest : public ::testing::Test {
 protected:
  HttpConnectionTest() {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    client.reset(sv[0]);
    ConnectionEvents events;
    events.closed = [this](HttpConnection*) { closed = true; };
    events.proven = [this](HttpConnection*) { ++proven; };
    connection = std::make_unique<HttpConnection>(loop, UniqueFd(sv[1]), handler, auth.get(), limits, trimmer,
                                                  std::move(events));
  }
  void send(const std::string& s) { ASSERT_EQ(::send(client.get(), s.data(), s.size(), 0), (ssize_t)s.size()); }
  std::string receive() {
    for (int i = 0; i < 5; ++i) loop.run_once(10);
    std::string out;
    char buf[65536];
    ssize_t n;
    while ((n = ::recv(client.get(), buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }

  // The client's end: bytes until the server shut its side (or nothing more comes).
  std::string receive_until_eof(bool* eof) {
    std::string out;
    *eof = false;
    for (int i = 0; i < 50 && !*eof; ++i) {
      loop.run_once(10);
      char buf[65536];
      ssize_t n;
      while ((n = ::recv(client.get(), buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
      if (n == 0) *eof = true;
    }
    return out;
  }
  // The client leaves; the server's side goes soon after.
  void client_leaves() {
    client.reset();
    for (int i = 0; i < 5 && !closed; ++i) loop.run_once(10);
  }

  EventLoop loop;
  MemoryTrimmer trimmer{loop.timers(), loop.clock(), 0};
  HttpServerLimits limits;
  std::unique_ptr<BasicAuth> auth;
  Handler handler;
  UniqueFd client;
  std::unique_ptr<HttpConnection> connection;
  bool closed = false;
  int proven = 0;
};

// With credentials configured.
class AuthenticatedConnectionTest : public HttpConnectionTest {
 protected:
  AuthenticatedConnectionTest() {
    auth = std::make_unique<BasicAuth>("user", "pw");
    ConnectionEvents events;
    events.closed = [this](HttpConnection*) { closed = true; };
    events.proven = [this](HttpConnection*) { ++proven; };
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    client.reset(sv[0]);
    connection = std::make_unique<HttpConnection>(loop, UniqueFd(sv[1]), handler, auth.get(), limits, trimmer,
                                                  std::move(events));
  }
};

TEST_F(HttpConnectionTest, PipelinedAnswersKeepRequestOrder) {
  send("GET /slow HTTP/1.1\r\n\r\nGET /fast HTTP/1.1\r\n\r\n");
  EXPECT_EQ(receive(), "") << "the fast answer waits behind the slow one";
  ASSERT_EQ(handler.held.size(), 1u);
  HttpResponse r;
  r.body = "slow-answer";
  handler.held[0].send(r);
  std::string out = receive();
  size_t slow = out.find("slow-answer"), fast = out.find("/fast");
  ASSERT_NE(slow, std::string::npos);
  ASSERT_NE(fast, std::string::npos);
  EXPECT_LT(slow, fast);
  EXPECT_FALSE(closed);
}

TEST_F(HttpConnectionTest, OnlyLargeAnswersLeadToAMemoryTrim) {
  send("GET /small HTTP/1.1\r\n\r\n");
  receive();
  EXPECT_EQ(trimmer.trims(), 0u);
  send("GET /big HTTP/1.1\r\n\r\n");
  std::string out = receive();
  EXPECT_NE(out.find(std::string(100'000, 'b')), std::string::npos);
  for (int i = 0; i < 3; ++i) loop.run_once(10);
  EXPECT_EQ(trimmer.trims(), 1u);
}

TEST_F(HttpConnectionTest, BadRequestIsAnsweredAndClosed) {
  send("NOT HTTP\r\n\r\n");
  bool eof;
  std::string out = receive_until_eof(&eof);
  EXPECT_EQ(out.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
  EXPECT_NE(out.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(eof);  // the server said it is done...
  client_leaves();
  EXPECT_TRUE(closed);  // ...and went when the client did
}

TEST_F(HttpConnectionTest, ConnectionCloseIsHonoured) {
  send("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
  bool eof;
  std::string out = receive_until_eof(&eof);
  EXPECT_NE(out.find("/a"), std::string::npos);
  EXPECT_EQ(out.find("/b"), std::string::npos);
  EXPECT_TRUE(eof);
  client_leaves();
  EXPECT_TRUE(closed);
}

TEST_F(HttpConnectionTest, AClientThatNeverLeavesIsClosedAfterTheLinger) {
  limits.linger_ns = 20'000'000;  // 20 ms
  send("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n");
  bool eof;
  receive_until_eof(&eof);
  EXPECT_TRUE(eof);
  int64_t start = loop.clock().monotonic_ns();
  while (!closed && loop.clock().monotonic_ns() - start < 1'000'000'000) {
    ::send(client.get(), "junk", 4, MSG_NOSIGNAL);
    loop.run_once(5);
    ::usleep(1000);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(loop.clock().monotonic_ns() - start, 500'000'000);
}

TEST_F(AuthenticatedConnectionTest, CredentialsAreCheckedBeforeTheBodyIsRead) {
  // Headers announcing 8 MB, and only a little of it sent: the 401 comes at once.
  send("POST /RPC2 HTTP/1.1\r\nContent-Length: 8000000\r\n\r\n" + std::string(1000, 'x'));
  bool eof;
  std::string out = receive_until_eof(&eof);
  EXPECT_EQ(out.rfind("HTTP/1.1 401 Unauthorized\r\n", 0), 0u) << out;
  EXPECT_NE(out.find("WWW-Authenticate: Basic realm=\"default\""), std::string::npos);
  EXPECT_TRUE(eof);
  EXPECT_EQ(proven, 0);
  EXPECT_TRUE(handler.held.empty());
  // What the client goes on sending is read and dropped, not kept.
  for (int i = 0; i < 20; ++i) {
    send(std::string(60'000, 'x'));
    for (int j = 0; j < 3; ++j) loop.run_once(1);
  }
  EXPECT_FALSE(closed);
  client_leaves();
  EXPECT_TRUE(closed);
}

TEST_F(AuthenticatedConnectionTest, GoodCredentialsProveTheConnectionOnce) {
  send(
      "GET /a HTTP/1.1\r\nAuthorization: Basic dXNlcjpwdw==\r\n\r\n"
      "GET /b HTTP/1.1\r\nAuthorization: Basic dXNlcjpwdw==\r\n\r\n");
  std::string out = receive();
  EXPECT_NE(out.find("/a"), std::string::npos);
  EXPECT_NE(out.find("/b"), std::string::npos);
  EXPECT_EQ(proven, 1);
  EXPECT_FALSE(closed);
}

TEST_F(AuthenticatedConnectionTest, AnUnprovenConnectionHasAFixedDeadlineHoweverItTrickles) {
  limits.unproven_deadline_ns = 50'000'000;  // 50 ms from arrival
  connection.reset();
  int sv[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
  client.reset(sv[0]);
  ConnectionEvents events;
  events.closed = [this](HttpConnection*) { closed = true; };
  connection =
      std::make_unique<HttpConnection>(loop, UniqueFd(sv[1]), handler, auth.get(), limits, trimmer, std::move(events));
  std::string request = "GET / HTTP/1.1\r\nX-Slow: " + std::string(200, 'a');
  int64_t start = loop.clock().monotonic_ns();
  for (char c : request) {
    if (closed) break;
    ::send(client.get(), &c, 1, MSG_NOSIGNAL);
    loop.run_once(2);
  }
  for (int i = 0; i < 50 && !closed; ++i) {
    bool eof;
    receive_until_eof(&eof);
    if (eof) client.reset();
    loop.run_once(10);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(loop.clock().monotonic_ns() - start, 2'000'000'000);
}

TEST_F(HttpConnectionTest, AnswerAfterTheClientLeftIsDropped) {
  send("GET /slow HTTP/1.1\r\n\r\n");
  receive();
  client.reset();
  for (int i = 0; i < 3; ++i) loop.run_once(10);
  EXPECT_TRUE(closed);
  ASSERT_EQ(handler.held.size(), 1u);
  EXPECT_FALSE(handler.held[0].connected());
  handler.held[0].send(HttpResponse{});  // must not crash
}

TEST_F(HttpConnectionTest, StreamsChunks) {
  Handler* h = &handler;
  (void)h;
  send("GET /slow HTTP/1.1\r\n\r\n");
  receive();
  HttpResponse head;
  handler.held[0].start_stream(head);
  handler.held[0].stream("abc");
  std::string out = receive();
  EXPECT_NE(out.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_NE(out.find("\r\n\r\n3\r\nabc\r\n"), std::string::npos);
}

// An HTTP/1.0 client knows no chunked coding: the stream is sent as it
// is, and ends when the connection does.
TEST_F(HttpConnectionTest, StreamsToAnHttp10ClientWithoutChunks) {
  send("GET /slow HTTP/1.0\r\n\r\n");
  receive();
  handler.held[0].start_stream(HttpResponse{});
  handler.held[0].stream("abc");
  std::string out = receive();
  EXPECT_EQ(out.find("Transfer-Encoding"), std::string::npos) << out;
  EXPECT_EQ(out.find("Content-Length"), std::string::npos) << out;
  EXPECT_NE(out.find("Connection: close\r\n\r\nabc"), std::string::npos) << out;
}

}  // namespace
}  // namespace sn
