// The XML-RPC client of supervisorctl and supervisor-deploy: POST /RPC2
// over one persistent HTTP/1.1 connection (libcurl), to an http://,
// https:// or unix:// server URL, with Basic auth when both a username and
// a password are known.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lib/curl/curl_handle.h"
#include "lib/rpc/server_url.h"
#include "lib/xmlrpc/fault.h"
#include "lib/xmlrpc/value.h"

namespace sn {

struct Credentials {
  std::optional<std::string> username;
  std::optional<std::string> password;
};

// What the caller tells every request: who asks, and how to stop waiting.
struct CallOptions {
  std::string user_agent = "supervisor-native";
  // Polled while a request waits; true ends it with CallCancelled.
  bool (*cancelled)() = nullptr;
};

// A request ended because CallOptions::cancelled said so.
class CallCancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "interrupted"; }
};

// The server could not be asked: what() is one line naming the URL.
class TransportError : public std::runtime_error {
 public:
  enum class Kind {
    kRefused,       // nothing listens (ECONNREFUSED)
    kNoSuchFile,    // the unix socket does not exist (ENOENT)
    kAuthRequired,  // HTTP 401
    kHttpStatus,    // another non-200 answer
    kOther,         // name resolution, TLS, a reset, a reply that is not XML-RPC
  };
  TransportError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The server answered with an XML-RPC fault.
class FaultError : public std::runtime_error {
 public:
  explicit FaultError(Fault fault);
  int code() const { return fault_.code; }
  bool is(FaultCode code) const { return fault_.code == static_cast<int>(code); }
  const std::string& text() const { return fault_.text; }

 private:
  Fault fault_;
};

// Transport errors worded as supervisorctl words them: "<url> refused
// connection", "<url> no such file", "Server requires authentication".
TransportError transport_error_for(const ServerUrl& url, CURLcode code, long os_errno, const char* detail);
// A non-200 answer to `what` (a method or a path): 401 asks for
// authentication, anything else names the URL and the status.
TransportError http_status_error(const ServerUrl& url, long status, std::string_view what);

class RpcClient {
 public:
  RpcClient(ServerUrl url, Credentials credentials, CallOptions options = {});
  // libcurl keeps pointers into the client.
  RpcClient(const RpcClient&) = delete;
  RpcClient& operator=(const RpcClient&) = delete;

  // Throws TransportError, FaultError, or CallCancelled.
  XmlRpcValue call(std::string_view method, const std::vector<XmlRpcValue>& params = {});
  // Each call then fails (TransportError) after this long; none by default,
  // as supervisorctl waits for the server.
  void set_timeout_ms(long ms) { curl_easy_setopt(easy_.get(), CURLOPT_TIMEOUT_MS, ms); }

  const ServerUrl& url() const { return url_; }
  const Credentials& credentials() const { return credentials_; }
  const CallOptions& options() const { return options_; }

 private:
  ServerUrl url_;
  Credentials credentials_;
  CallOptions options_;
  CurlEasy easy_;
  CurlSlist headers_;
  char error_[CURL_ERROR_SIZE] = {};
};

// Sets URL, socket path, TLS, Basic auth and cancellation on a handle for
// a request to `path`; `options` must outlive the request.
void configure_request(CURL* handle, const ServerUrl& url, const Credentials& credentials, std::string_view path,
                       const CallOptions& options);

}  // namespace sn
