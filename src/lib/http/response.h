// HTTP responses: status texts, headers, whole bodies and chunked pieces.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/http/body_source.h"

namespace sn {

std::string_view http_status_text(int status);

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<BodySource> source;  // instead of `body`: produced as it is sent
  bool chunked = false;                // a body that streams: no Content-Length
  bool until_close = false;            // a body that streams to an HTTP/1.0 client: no framing at all

  HttpResponse& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  // Status line and headers (with Date, Server, Content-Length or
  // Transfer-Encoding, Connection), then the body unless chunked (not for
  // a body from a source).
  std::string serialize(bool keep_alive) const;
  // Status line and headers only, ending with the blank line.
  std::string head(bool keep_alive) const;
};

// A small HTML page for an error status.
HttpResponse error_response(int status);
// One chunk of a chunked body; "" gives the last chunk.
std::string http_chunk(std::string_view data);
// "Wed, 25 Nov 2026 05:04:14 GMT".
std::string http_date(time_t when);

}  // namespace sn
