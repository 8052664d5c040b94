#include "lib/http/response.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(HttpResponse, SerializesWithLengthAndConnection) {
  HttpResponse r;
  r.header("Content-Type", "text/xml");
  r.body = "<x/>";
  std::string s = r.serialize(true);
  EXPECT_EQ(s.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(s.find("\r\nContent-Type: text/xml\r\n"), std::string::npos);
  EXPECT_NE(s.find("\r\nContent-Length: 4\r\n"), std::string::npos);
  EXPECT_NE(s.find("\r\nDate: "), std::string::npos);
  EXPECT_EQ(s.find("Connection: close"), std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 8), "\r\n\r\n<x/>");
  EXPECT_NE(r.serialize(false).find("\r\nConnection: close\r\n"), std::string::npos);
}

TEST(HttpResponse, ChunkedHasNoLength) {
  HttpResponse r;
  r.chunked = true;
  std::string s = r.serialize(true);
  EXPECT_NE(s.find("Transfer-Encoding: chunked"), std::string::npos);
  EXPECT_EQ(s.find("Content-Length"), std::string::npos);
  EXPECT_EQ(http_chunk("hello"), "5\r\nhello\r\n");
  EXPECT_EQ(http_chunk(""), "0\r\n\r\n");
}

TEST(HttpResponse, ErrorPages) {
  HttpResponse r = error_response(404);
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("404 Not Found"), std::string::npos);
  EXPECT_EQ(http_status_text(431), "Request Header Fields Too Large");
  EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace sn
