#include "supervisord/http/http_connection.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <memory>
#include <vector>

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
    connection = std::make_unique<HttpConnection>(loop, UniqueFd(sv[1]), handler, nullptr, limits, trimmer,
                                                  [this](HttpConnection*) { closed = true; });
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

  EventLoop loop;
  MemoryTrimmer trimmer{loop.timers(), loop.clock(), 0};
  HttpServerLimits limits;
  Handler handler;
  UniqueFd client;
  std::unique_ptr<HttpConnection> connection;
  bool closed = false;
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
  std::string out = receive();
  EXPECT_EQ(out.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
  EXPECT_NE(out.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(closed);
}

TEST_F(HttpConnectionTest, ConnectionCloseIsHonoured) {
  send("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
  std::string out = receive();
  EXPECT_NE(out.find("/a"), std::string::npos);
  EXPECT_EQ(out.find("/b"), std::string::npos);
  EXPECT_TRUE(closed);
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

}  // namespace
}  // namespace sn
