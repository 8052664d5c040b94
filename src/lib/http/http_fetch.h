// A small blocking HTTP/1.1 GET, for the helper process that fetches
// package information and tarballs from a Minos package server (never in
// the daemon's loop). http:// only; status 200 required; Content-Length,
// chunked and close-delimited bodies; one deadline for the whole request;
// a size limit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sn {

struct HttpUrl {
  std::string host;  // "10.0.0.1", "pkg.example.com", "::1"
  std::string port = "80";
  std::string target = "/";  // path and query
};
// "http://host[:port][/path][?query]"; nullopt, with why, otherwise.
std::optional<HttpUrl> parse_http_url(const std::string& url, std::string* error);

// Where an answer's bytes come from: the server's socket, or a test's text.
class ResponseSource {
 public:
  virtual ~ResponseSource() = default;
  // Appends what arrives to `buffer`; false at the end of the stream, or
  // when the source fails (then *error says why).
  virtual bool fill(std::string& buffer, std::string* error) = 0;
};

// Reads one HTTP/1.x answer from `source` and writes its body to `out_fd`
// (status 200 required; Content-Length, chunked or close-delimited; at most
// `max_bytes`). False, with what was wrong with the answer or its source.
// It faces the network: t/fuzz/http_answer_fuzz.cc feeds it junk.
bool read_http_answer(ResponseSource& source, int out_fd, uint64_t max_bytes, std::string* error);

// Writes the body of `url` to `out_fd`. False, with what went wrong ("HTTP
// Error 404: Not Found", "timed out after 30 s", ...).
bool http_get(const std::string& url, int out_fd, int timeout_seconds, uint64_t max_bytes, std::string* error);

}  // namespace sn
