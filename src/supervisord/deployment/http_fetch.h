// A small blocking HTTP/1.1 GET, for the helper process that fetches
// package information and tarballs from a Minos package server (never in
// the daemon's loop). http:// only; status 200 required; Content-Length,
// chunked and close-delimited bodies; one deadline for the whole request;
// a size limit.
#pragma once

#include <cstdint>
#include <string>

namespace sn {

struct HttpUrl {
  std::string host;  // "10.0.0.1", "pkg.example.com", "::1"
  std::string port = "80";
  std::string target = "/";  // path and query
};
// "http://host[:port][/path][?query]"; throws std::runtime_error otherwise.
HttpUrl parse_http_url(const std::string& url);

// Writes the body of `url` to `out_fd`. Returns "" on success, else what
// went wrong ("HTTP Error 404: Not Found", "timed out after 30 s", ...).
std::string http_get(const std::string& url, int out_fd, int timeout_seconds, uint64_t max_bytes);

}  // namespace sn
