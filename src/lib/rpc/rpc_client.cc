// Tested by t/unit/rpc_client_test.cc (against a local fake server) and the
// supervisorctl integration tests.
#include "lib/rpc/rpc_client.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "lib/util/strings.h"
#include "lib/xmlrpc/xml_reader.h"
#include "lib/xmlrpc/xml_writer.h"

namespace sn {

namespace {

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

int abort_when_cancelled(void* options, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  bool (*cancelled)() = static_cast<const CallOptions*>(options)->cancelled;
  return cancelled && cancelled() ? 1 : 0;
}

std::string fault_summary(const Fault& fault) {
  return "<Fault " + std::to_string(fault.code) + ": " + py_repr(fault.text) + ">";
}

}  // namespace

FaultError::FaultError(Fault fault) : std::runtime_error(fault_summary(fault)), fault_(std::move(fault)) {}

TransportError transport_error_for(const ServerUrl& url, CURLcode code, long os_errno, const char* detail) {
  using Kind = TransportError::Kind;
  if (code == CURLE_COULDNT_CONNECT && os_errno == ECONNREFUSED) {
    return TransportError(Kind::kRefused, url.text + " refused connection");
  }
  if (code == CURLE_COULDNT_CONNECT && os_errno == ENOENT) {
    return TransportError(Kind::kNoSuchFile, url.text + " no such file");
  }
  std::string why = detail && *detail ? detail : curl_easy_strerror(code);
  if (code == CURLE_COULDNT_CONNECT && os_errno != 0) why = std::strerror(static_cast<int>(os_errno));
  // libcurl words a unix socket it could not reach as "localhost port 80";
  // connect() then failed without an errno: the socket's backlog is full.
  if (code == CURLE_COULDNT_CONNECT && url.scheme == ServerUrl::Scheme::kUnix && os_errno == 0)
    why = "cannot connect (the server is not accepting connections)";
  return TransportError(Kind::kOther, url.text + ": " + why);
}

TransportError http_status_error(const ServerUrl& url, long status, std::string_view what) {
  if (status == 401) return TransportError(TransportError::Kind::kAuthRequired, "Server requires authentication");
  return TransportError(TransportError::Kind::kHttpStatus,
                        url.text + " answered HTTP " + std::to_string(status) + " to " + std::string(what));
}

void configure_request(CURL* h, const ServerUrl& url, const Credentials& credentials, std::string_view path,
                       const CallOptions& options) {
  curl_easy_setopt(h, CURLOPT_URL, url.request_url(path).c_str());
  if (url.scheme == ServerUrl::Scheme::kUnix) {
    curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, url.socket_path.c_str());
  }
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (options.cancelled) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, abort_when_cancelled);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<CallOptions*>(&options));
  }
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  // As with the curl tool: a CA bundle for servers with a private certificate.
  if (const char* ca = std::getenv("CURL_CA_BUNDLE"); ca && *ca) curl_easy_setopt(h, CURLOPT_CAINFO, ca);
  if (credentials.username && credentials.password) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, credentials.username->c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, credentials.password->c_str());
  }
}

RpcClient::RpcClient(ServerUrl url, Credentials credentials, CallOptions options)
    : url_(std::move(url)), credentials_(std::move(credentials)), options_(std::move(options)), easy_(new_curl_easy()) {
  CURL* h = easy_.get();
  configure_request(h, url_, credentials_, "/RPC2", options_);
  append_header(&headers_, "Content-Type: text/xml");
  append_header(&headers_, "Accept: text/xml");
  append_header(&headers_, "Expect:");  // no 100-continue round trip for big calls
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_.get());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
}

XmlRpcValue RpcClient::call(std::string_view method, const std::vector<XmlRpcValue>& params) {
  CURL* h = easy_.get();
  std::string body = xmlrpc_call(method, params);
  std::string reply;
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
  error_[0] = '\0';
  CURLcode rc = curl_easy_perform(h);
  // Nothing points at this call's buffers once it is over.
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
  if (rc == CURLE_ABORTED_BY_CALLBACK) throw CallCancelled();
  if (rc != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
    throw transport_error_for(url_, rc, os_errno, error_);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) throw http_status_error(url_, status, method);
  XmlRpcParseError error;
  std::optional<XmlRpcResponse> response = parse_xmlrpc_response(reply, &error);
  if (!response) {
    throw TransportError(TransportError::Kind::kOther,
                         url_.text + ": not an XML-RPC answer to " + std::string(method) + ": " + error.message);
  }
  if (response->is_fault) throw FaultError(std::move(response->fault));
  return std::move(response->value);
}

}  // namespace sn
