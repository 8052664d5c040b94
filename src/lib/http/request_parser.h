// An incremental HTTP/1.x request parser for a network-facing server:
// request line, headers, and a Content-Length or chunked body, with limits
// on every size so a hostile client costs a bounded amount of memory.
// Errors carry the status code to answer with.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "lib/http/request.h"

namespace sn {

struct HttpLimits {
  size_t max_request_line = 8 * 1024;   // 414 beyond
  size_t max_header_bytes = 32 * 1024;  // 431 beyond
  size_t max_headers = 100;             // 431 beyond
  size_t max_body = 8 * 1024 * 1024;    // 413 beyond
};

class HttpRequestParser {
 public:
  // kHeaders (only when asked for): the request line and headers are in,
  // the body (if any) not yet: a server checks credentials here, before
  // it reads a byte of a body. Feed again for the rest.
  enum class Status { kNeedMore, kHeaders, kComplete, kError };

  explicit HttpRequestParser(HttpLimits limits = {}, bool report_headers = false)
      : limits_(limits), report_headers_(report_headers) {}

  // Consumes bytes of `data` and returns how many it used. After kComplete,
  // take() the request; the rest of `data` belongs to the next one.
  size_t feed(std::string_view data, Status* status);
  HttpRequest take();
  // The request being read: after kHeaders, its line and headers.
  const HttpRequest& pending() const { return request_; }

  int error_status() const { return error_status_; }
  const std::string& error_reason() const { return error_reason_; }
  // True once any byte of a request has arrived (the header deadline runs).
  bool started() const { return state_ != State::kRequestLine || !line_.empty(); }

 private:
  enum class State { kRequestLine, kHeaders, kBody, kChunkSize, kChunkData, kChunkDataEnd, kTrailers, kDone, kError };

  Status fail(int status, std::string reason);
  // Collects one line; true when complete (CRLF or LF stripped).
  bool take_line(std::string_view data, size_t* used, size_t limit, bool* too_long);
  bool parse_request_line(std::string_view line);
  bool parse_header(std::string_view line);
  Status headers_done();

  HttpLimits limits_;
  bool report_headers_;
  State state_ = State::kRequestLine;
  HttpRequest request_;
  std::string line_;
  size_t header_bytes_ = 0;
  size_t remaining_ = 0;  // body or chunk bytes still expected
  int error_status_ = 0;
  std::string error_reason_;
};

}  // namespace sn
