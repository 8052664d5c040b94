#include "lib/http/request_parser.h"

#include <algorithm>
#include <limits>

#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr size_t kMaxChunkLine = 1024;
constexpr size_t kBodyReserve = 64 * 1024;
constexpr int kMaxLeadingBlankLines = 8;

bool token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!token_char(c)) return false;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

HttpRequestParser::Status HttpRequestParser::fail(int status, std::string reason) {
  state_ = State::kError;
  error_status_ = status;
  error_reason_ = std::move(reason);
  return Status::kError;
}

bool HttpRequestParser::take_line(std::string_view data, size_t* used, size_t limit, bool* too_long) {
  *too_long = false;
  size_t nl = data.find('\n');
  size_t take = nl == std::string_view::npos ? data.size() : nl + 1;
  if (line_.size() + take > limit + 2) {
    *too_long = true;
    *used = take;
    return false;
  }
  line_.append(data.substr(0, take));
  *used = take;
  if (nl == std::string_view::npos) return false;
  line_.pop_back();
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

bool HttpRequestParser::parse_request_line(std::string_view line) {
  size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return false;
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) return false;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || target.empty()) return false;
  for (unsigned char c : target)
    if (c <= ' ' || c == 0x7f) return false;
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.') return false;
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
    fail(505, "HTTP version not supported");
    return false;
  }
  request_.method = std::string(method);
  request_.target = std::string(target);
  size_t q = target.find('?');
  request_.path = std::string(target.substr(0, q));
  request_.query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
  request_.minor_version = version[7] - '0';
  return true;
}

bool HttpRequestParser::parse_header(std::string_view line) {
  if (line[0] == ' ' || line[0] == '\t') return false;  // obsolete line folding
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return false;
  std::string_view value = trim(line.substr(colon + 1));
  for (unsigned char c : value)
    if ((c < ' ' && c != '\t') || c == 0x7f) return false;
  request_.headers.emplace_back(to_lower(line.substr(0, colon)), std::string(value));
  return true;
}

HttpRequestParser::Status HttpRequestParser::headers_done() {
  const std::string* te = nullptr;
  const std::string* cl = nullptr;
  for (const auto& [name, value] : request_.headers) {
    if (name == "transfer-encoding") {
      if (te) return fail(400, "repeated Transfer-Encoding");
      te = &value;
    } else if (name == "content-length") {
      if (!all_digits(value)) return fail(400, "bad Content-Length");
      if (cl && *cl != value) return fail(400, "conflicting Content-Length");
      cl = &value;
    }
  }
  if (te) {
    if (cl) return fail(400, "both Transfer-Encoding and Content-Length");
    if (to_lower(*te) != "chunked") return fail(501, "only the chunked transfer coding is supported");
    request_.body_framed = true;
    state_ = State::kChunkSize;
    return Status::kNeedMore;
  }
  if (cl) {
    request_.body_framed = true;
    uint64_t length = std::stoull(*cl);
    if (length > limits_.max_body) return fail(413, "request body too large");
    remaining_ = static_cast<size_t>(length);
    // What a request announces is not yet memory it deserves: up to a piece
    // now, the rest as it arrives (credentials are checked in between).
    request_.body.reserve(std::min<size_t>(remaining_, kBodyReserve));
    state_ = remaining_ ? State::kBody : State::kDone;
    return remaining_ ? Status::kNeedMore : Status::kComplete;
  }
  state_ = State::kDone;
  return Status::kComplete;
}

size_t HttpRequestParser::feed(std::string_view data, Status* status) {
  size_t used = 0;
  *status = Status::kNeedMore;
  int blank_lines = 0;
  while (used < data.size() || state_ == State::kDone) {
    std::string_view rest = data.substr(used);
    size_t n = 0;
    bool too_long = false;
    switch (state_) {
      case State::kDone: *status = Status::kComplete; return used;
      case State::kError: *status = Status::kError; return used;
      case State::kRequestLine: {
        bool done = take_line(rest, &n, limits_.max_request_line, &too_long);
        used += n;
        if (too_long) {
          *status = fail(414, "request line too long");
          return used;
        }
        if (!done) return used;
        if (line_.empty()) {
          if (++blank_lines > kMaxLeadingBlankLines) {
            *status = fail(400, "no request line");
            return used;
          }
          continue;
        }
        if (!parse_request_line(line_)) {
          *status = state_ == State::kError ? Status::kError : fail(400, "malformed request line");
          return used;
        }
        line_.clear();
        state_ = State::kHeaders;
        break;
      }
      case State::kHeaders:
      case State::kTrailers: {
        size_t room = limits_.max_header_bytes > header_bytes_ ? limits_.max_header_bytes - header_bytes_ : 0;
        bool done = take_line(rest, &n, room, &too_long);
        used += n;
        if (too_long) {
          *status = fail(431, "request header fields too large");
          return used;
        }
        if (!done) return used;
        header_bytes_ += line_.size() + 2;
        std::string line = std::move(line_);
        line_.clear();
        if (line.empty()) {
          if (state_ == State::kTrailers) {
            state_ = State::kDone;
            continue;
          }
          *status = headers_done();
          if (*status == Status::kError) return used;
          if (report_headers_) {
            *status = Status::kHeaders;
            return used;
          }
          continue;
        }
        if (state_ == State::kTrailers) continue;  // trailers are read and dropped
        if (request_.headers.size() >= limits_.max_headers) {
          *status = fail(431, "too many header fields");
          return used;
        }
        if (!parse_header(line)) {
          *status = fail(400, "malformed header field");
          return used;
        }
        break;
      }
      case State::kBody:
      case State::kChunkData: {
        size_t take = std::min(remaining_, rest.size());
        request_.body.append(rest.substr(0, take));
        used += take;
        remaining_ -= take;
        if (remaining_ == 0) state_ = state_ == State::kBody ? State::kDone : State::kChunkDataEnd;
        break;
      }
      case State::kChunkDataEnd:
      case State::kChunkSize: {
        bool done = take_line(rest, &n, kMaxChunkLine, &too_long);
        used += n;
        if (too_long) {
          *status = fail(400, "chunk size line too long");
          return used;
        }
        if (!done) return used;
        std::string line = std::move(line_);
        line_.clear();
        if (state_ == State::kChunkDataEnd) {
          if (!line.empty()) {
            *status = fail(400, "chunk not followed by CRLF");
            return used;
          }
          state_ = State::kChunkSize;
          break;
        }
        std::string_view size_text = trim(std::string_view(line).substr(0, line.find(';')));
        if (size_text.empty() || size_text.size() > 15) {
          *status = fail(400, "bad chunk size");
          return used;
        }
        uint64_t size = 0;
        for (char c : size_text) {
          int d = (c >= '0' && c <= '9')   ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
          if (d < 0) {
            *status = fail(400, "bad chunk size");
            return used;
          }
          size = size * 16 + static_cast<uint64_t>(d);
        }
        if (size == 0) {
          state_ = State::kTrailers;
          break;
        }
        if (request_.body.size() + size > limits_.max_body) {
          *status = fail(413, "request body too large");
          return used;
        }
        remaining_ = static_cast<size_t>(size);
        state_ = State::kChunkData;
        break;
      }
    }
  }
  return used;
}

HttpRequest HttpRequestParser::take() {
  HttpRequest out = std::move(request_);
  request_ = HttpRequest{};
  state_ = State::kRequestLine;
  line_.clear();
  header_bytes_ = 0;
  remaining_ = 0;
  return out;
}

}  // namespace sn
