#include "lib/rpc/rpc_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "lib/util/unique_fd.h"
#include "one_shot_server.h"
#include "test_util.h"

namespace sn {
namespace {

using test::OneShotServer;

std::string http_reply(const std::string& status, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Type: text/xml\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

TEST(RpcClient, PostsACallAndReadsTheAnswer) {
  OneShotServer s(http_reply("200 OK",
                             "<?xml version='1.0'?><methodResponse><params><param><value><string>3.0"
                             "</string></value></param></params></methodResponse>"));
  RpcClient c(*parse_server_url(s.url()), Credentials{std::string("u"), std::string("p")});
  EXPECT_EQ(c.call("supervisor.getVersion").as_string(), "3.0");
  EXPECT_NE(s.request.find("POST /RPC2 HTTP/1.1"), std::string::npos);
  EXPECT_NE(s.request.find("Content-Type: text/xml"), std::string::npos);
  EXPECT_NE(s.request.find("Authorization: Basic dTpw"), std::string::npos);  // u:p
  EXPECT_NE(s.request.find("<methodName>supervisor.getVersion</methodName>"), std::string::npos);
}

TEST(RpcClient, SendsNoAuthorizationWithoutAPassword) {
  OneShotServer s(http_reply("200 OK",
                             "<methodResponse><params><param><value><int>1</int></value></param>"
                             "</params></methodResponse>"));
  RpcClient c(*parse_server_url(s.url()), Credentials{std::string("u"), std::nullopt});
  EXPECT_EQ(c.call("x").as_int(), 1);
  EXPECT_EQ(s.request.find("Authorization"), std::string::npos);
}

TEST(RpcClient, AFaultBecomesAFaultError) {
  OneShotServer s(http_reply("200 OK",
                             "<methodResponse><fault><value><struct><member><name>faultCode</name><value>"
                             "<int>10</int></value></member><member><name>faultString</name><value>"
                             "<string>BAD_NAME: x</string></value></member></struct></value></fault>"
                             "</methodResponse>"));
  RpcClient c(*parse_server_url(s.url()), {});
  try {
    c.call("supervisor.getProcessInfo", {"x"});
    FAIL();
  } catch (const FaultError& e) {
    EXPECT_EQ(e.code(), 10);
    EXPECT_EQ(e.text(), "BAD_NAME: x");
    EXPECT_STREQ(e.what(), "<Fault 10: 'BAD_NAME: x'>");
  }
}

TEST(RpcClient, A401AsksForAuthentication) {
  OneShotServer s(http_reply("401 Unauthorized", "no"));
  RpcClient c(*parse_server_url(s.url()), {});
  try {
    c.call("supervisor.getVersion");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kAuthRequired);
    EXPECT_STREQ(e.what(), "Server requires authentication");
  }
}

TEST(RpcClient, OtherStatusesAndJunkNameTheUrl) {
  {
    OneShotServer s(http_reply("500 Internal Server Error", "oops"));
    RpcClient c(*parse_server_url(s.url()), {});
    try {
      c.call("supervisor.getVersion");
      FAIL();
    } catch (const TransportError& e) {
      EXPECT_EQ(e.kind(), TransportError::Kind::kHttpStatus);
      EXPECT_EQ(std::string(e.what()), s.url() + " answered HTTP 500 to supervisor.getVersion");
    }
  }
  OneShotServer s(http_reply("200 OK", "<html>not xml-rpc</html>"));
  RpcClient c(*parse_server_url(s.url()), {});
  try {
    c.call("supervisor.getVersion");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kOther);
    EXPECT_EQ(std::string(e.what()).rfind(s.url() + ": not an XML-RPC answer to supervisor.getVersion", 0), 0u);
  }
}

TEST(RpcClient, AMissingSocketFileAndARefusalAreSaidAsSupervisorctlSaysThem) {
  test::TempDir dir;
  RpcClient missing(*parse_server_url("unix://" + dir.file("none.sock")), {});
  try {
    missing.call("supervisor.getVersion");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kNoSuchFile);
    EXPECT_EQ(std::string(e.what()), "unix://" + dir.file("none.sock") + " no such file");
  }
  ServerUrl url = *parse_server_url("http://127.0.0.1:1");
  EXPECT_EQ(transport_error_for(url, CURLE_COULDNT_CONNECT, ECONNREFUSED, "").kind(), TransportError::Kind::kRefused);
  EXPECT_STREQ(transport_error_for(url, CURLE_COULDNT_CONNECT, ECONNREFUSED, "").what(),
               "http://127.0.0.1:1 refused connection");
  EXPECT_STREQ(transport_error_for(url, CURLE_COULDNT_RESOLVE_HOST, 0, "Could not resolve host: x").what(),
               "http://127.0.0.1:1: Could not resolve host: x");
  // A unix socket whose backlog is full: libcurl's text would name "localhost port 80".
  ServerUrl sock = *parse_server_url("unix:///run/supervisor.sock");
  EXPECT_STREQ(transport_error_for(sock, CURLE_COULDNT_CONNECT, 0,
                                   "Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server")
                   .what(),
               "unix:///run/supervisor.sock: cannot connect (the server is not accepting connections)");
}

TEST(RpcClient, SendsTheCallersUserAgent) {
  OneShotServer s(http_reply("200 OK",
                             "<methodResponse><params><param><value><int>1</int></value></param>"
                             "</params></methodResponse>"));
  RpcClient c(*parse_server_url(s.url()), {}, CallOptions{"tester/1", nullptr});
  EXPECT_EQ(c.call("x").as_int(), 1);
  EXPECT_NE(s.request.find("User-Agent: tester/1\r\n"), std::string::npos) << s.request;
}

bool always_cancelled() { return true; }

TEST(RpcClient, TheCallersCancellationEndsACallThatWaits) {
  // Connections queue on a listener nobody accepts from: the call waits
  // for an answer that never comes until the check says stop.
  int port = 0;
  UniqueFd listener = test::loopback_listener(&port, 4);
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  RpcClient c(*parse_server_url(url), {}, CallOptions{"tester/1", always_cancelled});
  c.set_timeout_ms(10000);  // a broken cancellation fails instead of hanging
  EXPECT_THROW(c.call("supervisor.getState"), CallCancelled);
}

}  // namespace
}  // namespace sn
