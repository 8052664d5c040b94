// libFuzzer target: the HTTP request parser on arbitrary bytes, fed whole
// and split at a fuzzer-chosen point, must never crash, overrun or loop.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lib/http/request_parser.h"

namespace {

void feed_all(std::string_view data, sn::HttpLimits limits, bool report_headers = false) {
  sn::HttpRequestParser parser(limits, report_headers);
  while (!data.empty()) {
    sn::HttpRequestParser::Status status;
    size_t used = parser.feed(data, &status);
    if (used > data.size()) __builtin_trap();
    data.remove_prefix(used);
    if (status == sn::HttpRequestParser::Status::kError) return;
    if (status == sn::HttpRequestParser::Status::kHeaders) {
      if (!report_headers) __builtin_trap();
      parser.pending().header("authorization");
      // With nothing left, the parser must still finish a request without a body.
      if (data.empty()) parser.feed(data, &status);
      continue;
    }
    if (status == sn::HttpRequestParser::Status::kComplete) {
      sn::HttpRequest r = parser.take();
      if (r.body.size() > limits.max_body) __builtin_trap();
      r.keep_alive();
    } else if (used == 0) {
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view data(reinterpret_cast<const char*>(bytes), size);
  sn::HttpLimits small;
  small.max_request_line = 64;
  small.max_header_bytes = 256;
  small.max_headers = 8;
  small.max_body = 512;
  feed_all(data, {});
  feed_all(data, small);
  feed_all(data, small, /*report_headers=*/true);
  if (size > 1) {
    // The same bytes in two reads: the parser must agree with itself.
    size_t cut = bytes[0] % size;
    sn::HttpRequestParser parser;
    sn::HttpRequestParser::Status status;
    size_t used = parser.feed(data.substr(0, cut), &status);
    if (status == sn::HttpRequestParser::Status::kNeedMore && used == cut) parser.feed(data.substr(cut), &status);
  }
  return 0;
}
