// One parsed HTTP/1.x request.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sn {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ... as sent
  std::string target;                                        // "/RPC2?x=y" as sent
  std::string path;                                          // before '?', still percent-encoded
  std::string query;                                         // after '?'
  int minor_version = 1;                                     // HTTP/1.<minor>
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  bool body_framed = false;  // Content-Length or chunked was sent

  // The first header of that (lower-case) name, or nullptr.
  const std::string* header(std::string_view name) const;
  // HTTP/1.1 keeps the connection unless "Connection: close"; 1.0 only
  // with "Connection: keep-alive".
  bool keep_alive() const;
};

}  // namespace sn
