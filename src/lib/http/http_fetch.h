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

// Where an answer's bytes come from: the server's socket, or a test's text.
class ResponseSource {
 public:
  virtual ~ResponseSource() = default;
  // Appends what arrives to `buffer`; false at the end of the stream.
  // Throws std::runtime_error when the source fails.
  virtual bool fill(std::string& buffer) = 0;
};

// Reads one HTTP/1.x answer from `source` and writes its body to `out_fd`
// (status 200 required; Content-Length, chunked or close-delimited; at most
// `max_bytes`). Returns "" or what was wrong with the answer; throws
// std::runtime_error for a failing source, a bad length or an oversized body.
// It faces the network: t/fuzz/http_answer_fuzz.cc feeds it junk.
std::string read_http_answer(ResponseSource& source, int out_fd, uint64_t max_bytes);

// Writes the body of `url` to `out_fd`. Returns "" on success, else what
// went wrong ("HTTP Error 404: Not Found", "timed out after 30 s", ...).
std::string http_get(const std::string& url, int out_fd, int timeout_seconds, uint64_t max_bytes);

}  // namespace sn
