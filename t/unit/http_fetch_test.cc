#include "lib/http/http_fetch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include "one_shot_server.h"
#include "test_util.h"

namespace sn {
namespace {

using test::OneShotServer;

// Fetches `url` into a pipe-backed string; returns {error, body}.
std::pair<std::string, std::string> get(const std::string& url, int timeout = 5, uint64_t max = 1 << 20) {
  test::TempDir dir;
  std::string path = dir.file("body");
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644));
  std::string error;
  bool fetched = http_get(url, fd.get(), timeout, max, &error);
  EXPECT_EQ(fetched, error.empty()) << error;
  fd.reset();
  return {error, test::read_file(path)};
}

// An answer handed over `piece` bytes at a time.
class TextSource : public ResponseSource {
 public:
  TextSource(std::string text, size_t piece) : text_(std::move(text)), piece_(piece) {}
  bool fill(std::string& buffer, std::string*) override {
    if (at_ >= text_.size()) return false;
    buffer.append(text_, at_, piece_);
    at_ += piece_;
    return true;
  }

 private:
  std::string text_;
  size_t piece_;
  size_t at_ = 0;
};

// read_http_answer on `answer` in pieces of every size from 1 to 7 bytes:
// {error, body}, the same for every size (the body only
// when there is no error: a failed download's partial file is dropped).
std::pair<std::string, std::string> read_answer(const std::string& answer, uint64_t max = 1 << 20) {
  std::pair<std::string, std::string> first;
  for (size_t piece = 1; piece <= 7; ++piece) {
    test::TempDir dir;
    std::string path = dir.file("body");
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644));
    TextSource source(answer, piece);
    std::string error;
    bool read = read_http_answer(source, fd.get(), max, &error);
    EXPECT_EQ(read, error.empty()) << error;
    fd.reset();
    std::pair<std::string, std::string> result{error, test::read_file(path)};
    if (piece == 1) first = result;
    EXPECT_EQ(result.first, first.first) << "in pieces of " << piece;
    if (error.empty()) {
      EXPECT_EQ(result.second, first.second) << "in pieces of " << piece;
    }
  }
  return first;
}

TEST(HttpAnswer, FramingWhateverThePiecesTheBytesArriveIn) {
  using R = std::pair<std::string, std::string>;
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello and more"), R("", "hello"));
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                        "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nTrailer: x\r\n\r\n"),
            R("", "hello!"));
  EXPECT_EQ(read_answer("HTTP/1.0 200 OK\r\n\r\nto the end"), R("", "to the end"));
  EXPECT_EQ(read_answer("HTTP/1.1 404 Not Found\r\n\r\n"), R("HTTP Error 404: Not Found", ""));
  EXPECT_EQ(read_answer("SSH-2.0-OpenSSH\r\n\r\n"), R("not an HTTP answer: SSH-2.0-OpenSSH", ""));
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello").first,
            "the download ended after 5 of 10 bytes");
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\n"), R("the server closed the connection before answering", ""));
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n").first, "bad length in the answer");
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").first,
            "bad length in the answer");
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").first,
            "the chunked body ends early");
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\n\r\n" + std::string(100, 'x'), 64).first,
            "the body is larger than 64 bytes");
  EXPECT_EQ(read_answer("HTTP/1.1 200 OK\r\nX: " + std::string(70000, 'a')).first, "the answer's headers are too long");
}

// A source that hands over `text` and then fails, as a reset connection does.
class BreakingSource : public ResponseSource {
 public:
  explicit BreakingSource(std::string text) : text_(std::move(text)) {}
  bool fill(std::string& buffer, std::string* error) override {
    if (!text_.empty()) {
      buffer += std::exchange(text_, "");
      return true;
    }
    *error = "recv: Connection reset by peer";
    return false;
  }

 private:
  std::string text_;
};

TEST(HttpAnswer, ASourceThatFailsIsNamedNotTakenForTheEnd) {
  for (const char* answer : {"HTTP/1.1 200 OK\r\n", "HTTP/1.0 200 OK\r\n\r\nclose-delimited",
                             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"}) {
    BreakingSource source(answer);
    UniqueFd sink(::open("/dev/null", O_WRONLY));
    std::string error;
    EXPECT_FALSE(read_http_answer(source, sink.get(), 1 << 20, &error)) << answer;
    EXPECT_EQ(error, "recv: Connection reset by peer") << answer;
  }
}

TEST(HttpFetch, Urls) {
  std::string error;
  HttpUrl u = parse_http_url("http://10.2.201.24:8000/packages/a/r1-t/a.tar.gz", &error).value();
  EXPECT_EQ(u.host, "10.2.201.24");
  EXPECT_EQ(u.port, "8000");
  EXPECT_EQ(u.target, "/packages/a/r1-t/a.tar.gz");
  u = parse_http_url("http://pkg.example.com?artifact=x", &error).value();
  EXPECT_EQ(u.port, "80");
  EXPECT_EQ(u.target, "/?artifact=x");
  u = parse_http_url("http://[::1]:81/x", &error).value();
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, "81");
  for (const char* bad : {"https://x/", "ftp://x", "http://", "http://h:p/", "http://u:p@h/", "http://h/a b"}) {
    error.clear();
    EXPECT_FALSE(parse_http_url(bad, &error).has_value()) << bad;
    EXPECT_TRUE(error.ends_with(bad)) << error;
  }
  EXPECT_EQ(error, "bad characters in http://h/a b");
}

TEST(HttpFetch, ContentLengthChunkedAndCloseDelimitedBodies) {
  {
    OneShotServer s("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "\r\n\r\n");
    auto [error, body] = get(s.url() + "/get_latest_package_info/?artifact=a");
    EXPECT_EQ(error, "");
    EXPECT_EQ(body, "hello");
    EXPECT_NE(s.request.find("GET /get_latest_package_info/?artifact=a HTTP/1.1\r\n"), std::string::npos);
    EXPECT_NE(s.request.find("Host: 127.0.0.1:"), std::string::npos);
  }
  {
    OneShotServer s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n",
                    "\r\n\r\n");
    auto [error, body] = get(s.url() + "/");
    EXPECT_EQ(error, "");
    EXPECT_EQ(body, "hello world");
  }
  {
    OneShotServer s("HTTP/1.0 200 OK\r\n\r\nuntil close", "\r\n\r\n");
    auto [error, body] = get(s.url() + "/");
    EXPECT_EQ(error, "");
    EXPECT_EQ(body, "until close");
  }
}

TEST(HttpFetch, FailuresSayWhat) {
  {
    OneShotServer s("HTTP/1.1 404 NOT FOUND\r\nContent-Length: 0\r\n\r\n", "\r\n\r\n");
    EXPECT_EQ(get(s.url() + "/x").first, "HTTP Error 404: NOT FOUND");
  }
  {
    OneShotServer s("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf", "\r\n\r\n");
    EXPECT_EQ(get(s.url() + "/x").first, "the download ended after 4 of 10 bytes");
  }
  {
    OneShotServer s("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", "\r\n\r\n");
    EXPECT_EQ(get(s.url() + "/x", 5, 4).first, "the body is larger than 4 bytes");
  }
  {
    OneShotServer s("garbage\r\n\r\n", "\r\n\r\n");
    EXPECT_EQ(get(s.url() + "/x").first, "not an HTTP answer: garbage");
  }
  // A listener that never answers: the deadline holds.
  int port = 0;
  UniqueFd silent = test::loopback_listener(&port);
  EXPECT_EQ(get("http://127.0.0.1:" + std::to_string(port) + "/", 1).first, "timed out after 1 s");
  // Nobody listening.
  silent.reset();
  EXPECT_NE(get("http://127.0.0.1:" + std::to_string(port) + "/").first.find("cannot connect"), std::string::npos);
}

}  // namespace
}  // namespace sn
