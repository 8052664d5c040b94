#include "lib/http/request_parser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace sn {
namespace {

using Status = HttpRequestParser::Status;

struct Outcome {
  Status status;
  size_t used;
  HttpRequest request;
  int error = 0;
};

Outcome parse(const std::string& data, HttpLimits limits = {}) {
  HttpRequestParser p(limits);
  Outcome o;
  o.used = p.feed(data, &o.status);
  if (o.status == Status::kComplete) o.request = p.take();
  o.error = p.error_status();
  return o;
}

TEST(HttpRequestParser, SimpleGet) {
  Outcome o = parse("GET /logtail/web?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
  ASSERT_EQ(o.status, Status::kComplete);
  EXPECT_EQ(o.request.method, "GET");
  EXPECT_EQ(o.request.path, "/logtail/web");
  EXPECT_EQ(o.request.query, "x=1");
  EXPECT_EQ(o.request.minor_version, 1);
  EXPECT_EQ(*o.request.header("host"), "localhost");
  EXPECT_FALSE(o.request.body_framed);
}

TEST(HttpRequestParser, ContentLengthBody) {
  std::string data = "POST /RPC2 HTTP/1.1\r\nContent-Length: 5\r\nContent-Type: text/xml\r\n\r\nhelloNEXT";
  Outcome o = parse(data);
  ASSERT_EQ(o.status, Status::kComplete);
  EXPECT_EQ(o.request.body, "hello");
  EXPECT_TRUE(o.request.body_framed);
  EXPECT_EQ(o.used, data.size() - 4) << "the next request's bytes are left";
}

TEST(HttpRequestParser, ChunkedBody) {
  Outcome o = parse(
      "POST /RPC2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n");
  ASSERT_EQ(o.status, Status::kComplete);
  EXPECT_EQ(o.request.body, "hello world");
}

TEST(HttpRequestParser, ByteAtATime) {
  std::string data = "POST /RPC2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  HttpRequestParser p;
  Status s = Status::kNeedMore;
  for (size_t i = 0; i < data.size(); ++i) {
    ASSERT_EQ(p.feed(data.substr(i, 1), &s), 1u) << i;
    if (i + 1 < data.size()) {
      ASSERT_EQ(s, Status::kNeedMore) << i;
    }
  }
  ASSERT_EQ(s, Status::kComplete);
  EXPECT_EQ(p.take().body, "abc");
}

TEST(HttpRequestParser, PipelinedRequests) {
  std::string data = "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
  HttpRequestParser p;
  Status s;
  size_t used = p.feed(data, &s);
  ASSERT_EQ(s, Status::kComplete);
  EXPECT_EQ(p.take().path, "/a");
  p.feed(std::string_view(data).substr(used), &s);
  ASSERT_EQ(s, Status::kComplete);
  EXPECT_EQ(p.take().path, "/b");
}

TEST(HttpRequestParser, LeadingBlankLinesAndBareLf) {
  Outcome o = parse("\r\n\nGET / HTTP/1.0\nHost: x\n\n");
  ASSERT_EQ(o.status, Status::kComplete);
  EXPECT_EQ(o.request.minor_version, 0);
}

TEST(HttpRequestParser, Incomplete) {
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\n").status, Status::kNeedMore);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc").status, Status::kNeedMore);
}

struct Bad {
  const char* name;
  std::string data;
  int status;
};

class HttpRequestParserErrors : public ::testing::TestWithParam<Bad> {};

TEST_P(HttpRequestParserErrors, AnswerWithTheRightStatus) {
  const Bad& b = GetParam();
  HttpLimits limits;
  limits.max_body = 1000;
  Outcome o = parse(b.data, limits);
  EXPECT_EQ(o.status, Status::kError);
  EXPECT_EQ(o.error, b.status);
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, HttpRequestParserErrors,
    ::testing::Values(
        Bad{"NoVersion", "GET /\r\n\r\n", 400}, Bad{"Spaces", "GET  / HTTP/1.1\r\n\r\n", 400},
        Bad{"Http2", "GET / HTTP/2.0\r\n\r\n", 505},
        Bad{"Junk", std::string("\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 11), 400},
        Bad{"BinaryMethod", std::string("G\0T / HTTP/1.1\r\n\r\n", 18), 400},
        Bad{"LongLine", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n", 414},
        Bad{"LongLineNoEnd", "GET /" + std::string(9000, 'a'), 414},
        Bad{"HugeHeaders", "GET / HTTP/1.1\r\nX: " + std::string(40000, 'a') + "\r\n\r\n", 431},
        Bad{"ManyHeaders",
            "GET / HTTP/1.1\r\n" +
                [] {
                  std::string h;
                  for (int i = 0; i < 200; ++i) h += "X-" + std::to_string(i) + ": 1\r\n";
                  return h;
                }() +
                "\r\n",
            431},
        Bad{"Folding", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 400},
        Bad{"NoColon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400},
        Bad{"SpaceBeforeColon", "GET / HTTP/1.1\r\nX : a\r\n\r\n", 400},
        Bad{"BadLength", "POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n", 400},
        Bad{"NegativeLength", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
        Bad{"ConflictingLengths", "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
        Bad{"TooBig", "POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 413},
        Bad{"HugeLength", "POST / HTTP/1.1\r\nContent-Length: 99999999999999999\r\n\r\n", 413},
        Bad{"Overflowing", "POST / HTTP/1.1\r\nContent-Length: 999999999999999999999999\r\n\r\n", 400},
        Bad{"ChunkedTooBig", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n", 413},
        Bad{"BadChunkSize", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
        Bad{"ChunkWithoutCrlf", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", 400},
        Bad{"UnknownCoding", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
        Bad{"Smuggling", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400},
        Bad{"ControlInValue", "GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n", 400},
        Bad{"EndlessBlankLines", std::string(100, '\n'), 400}),
    [](const ::testing::TestParamInfo<Bad>& info) { return std::string(info.param.name); });

TEST(HttpRequestParser, RandomBytesNeverCrashOrOverrun) {
  std::mt19937 rng(1234);
  for (int round = 0; round < 2000; ++round) {
    std::string data(static_cast<size_t>(rng() % 300), '\0');
    for (char& c : data) c = static_cast<char>(rng() % 256);
    if (round % 3 == 0) data = "POST / HTTP/1.1\r\nContent-Length: " + std::to_string(rng() % 50) + "\r\n\r\n" + data;
    HttpRequestParser p;
    Status s = Status::kNeedMore;
    std::string_view rest = data;
    while (!rest.empty()) {
      size_t used = p.feed(rest, &s);
      ASSERT_LE(used, rest.size());
      if (s == Status::kError) break;
      if (s == Status::kComplete) p.take();
      if (used == 0) break;
      rest.remove_prefix(used);
    }
  }
}

}  // namespace
}  // namespace sn
