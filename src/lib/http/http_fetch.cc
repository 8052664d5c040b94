// Tested by http_fetch_test.cc against a one-shot local server, and by
// t/integration/test_deployment.py against a Python package server.
#include "lib/http/http_fetch.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include "lib/http/url.h"
#include "lib/util/strings.h"
#include "lib/util/unique_fd.h"

namespace sn {

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

bool fail(std::string why, std::string* error) {
  *error = std::move(why);
  return false;
}

bool fail_errno(const char* what, std::string* error) {
  return fail(std::string(what) + ": " + std::strerror(errno), error);
}

int64_t now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

// The request's one deadline, and how it is worded when it passes.
struct Deadline {
  int64_t at_ms;
  int seconds;
  // The time left, or 0 (and *error says so) when none is.
  int64_t left(std::string* error) const {
    int64_t ms = at_ms - now_ms();
    if (ms <= 0) fail("timed out after " + std::to_string(seconds) + " s", error);
    return std::max<int64_t>(ms, 0);
  }
};

// False when the deadline passes or poll fails.
bool wait_for(int fd, short events, const Deadline& deadline, std::string* error) {
  for (;;) {
    int64_t left = deadline.left(error);
    if (left == 0) return false;
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, INT_MAX)));
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) return fail_errno("poll", error);
  }
}

class Connection : public ResponseSource {
 public:
  Connection(int fd, Deadline deadline) : fd_(fd), deadline_(deadline) {}

  bool send_all(const std::string& data, std::string* error) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n > 0) done += static_cast<size_t>(n);
      else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        if (!wait_for(fd_, POLLOUT, deadline_, error)) return false;
      } else return fail_errno("send", error);
    }
    return true;
  }

  bool fill(std::string& buffer, std::string* error) override {
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        buffer.append(buf, static_cast<size_t>(n));
        return true;
      }
      if (n == 0) return false;
      if (errno != EAGAIN && errno != EINTR) return fail_errno("recv", error);
      if (!wait_for(fd_, POLLIN, deadline_, error)) return false;
    }
  }

 private:
  int fd_;
  Deadline deadline_;
};

// The answer's bytes not yet taken, and where more come from. fill() is
// false at the end and on failure; source_error says which.
struct AnswerReader {
  ResponseSource& source;
  std::string buffer_;
  std::string source_error;
  bool fill() { return source.fill(buffer_, &source_error); }
  // The source's own failure wins over what its end would mean.
  bool ended(std::string why, std::string* error) {
    return fail(source_error.empty() ? std::move(why) : source_error, error);
  }
};

// Connects to the first address of `url` that answers in time.
UniqueFd connect_to(const HttpUrl& url, const Deadline& deadline, std::string* error) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found);
  if (rc != 0) {
    fail("cannot resolve " + url.host + ": " + ::gai_strerror(rc), error);
    return UniqueFd();
  }
  std::string last_error = "no address";
  UniqueFd fd;
  for (addrinfo* a = found; a; a = a->ai_next) {
    fd.reset(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd) continue;
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) == 0) break;
    if (errno != EINPROGRESS) {
      last_error = std::strerror(errno);
    } else if (!wait_for(fd.get(), POLLOUT, deadline, error)) {
      // The deadline is the whole request's: no time for another address.
      ::freeaddrinfo(found);
      return UniqueFd();
    } else {
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      if (err == 0) break;
      last_error = std::strerror(err);
    }
    fd.reset();
  }
  ::freeaddrinfo(found);
  if (fd) return fd;
  fail("cannot connect to " + url.host + ":" + url.port + ": " + last_error, error);
  return fd;
}

bool write_out(int out_fd, const char* data, size_t size, uint64_t* written, uint64_t max_bytes, std::string* error) {
  *written += size;
  if (*written > max_bytes) return fail("the body is larger than " + std::to_string(max_bytes) + " bytes", error);
  while (size > 0) {
    ssize_t n = ::write(out_fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail_errno("cannot write the download", error);
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

std::optional<int64_t> parse_size(std::string_view text, int base) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  int64_t n = 0;
  for (char c : text) {
    int d = (c >= '0' && c <= '9')                 ? c - '0'
            : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                   : -1;
    if (d < 0) return std::nullopt;
    n = n * base + d;
  }
  return n;
}

constexpr const char* kBadLength = "bad length in the answer";
constexpr const char* kChunkedEndsEarly = "the chunked body ends early";

bool read_chunked(AnswerReader& c, int out_fd, uint64_t* written, uint64_t max_bytes, std::string* error) {
  for (;;) {
    size_t eol;
    while ((eol = c.buffer_.find("\r\n")) == std::string::npos) {
      if (c.buffer_.size() > 1024) return fail(kChunkedEndsEarly, error);
      if (!c.fill()) return c.ended(kChunkedEndsEarly, error);
    }
    std::string_view line(c.buffer_.data(), eol);
    std::optional<int64_t> size = parse_size(trim(line.substr(0, line.find(';'))), 16);
    if (!size) return fail(kBadLength, error);
    c.buffer_.erase(0, eol + 2);
    if (*size == 0) return true;  // trailers are not needed
    while (*size > 0) {
      if (c.buffer_.empty() && !c.fill()) return c.ended(kChunkedEndsEarly, error);
      size_t take = std::min(c.buffer_.size(), static_cast<size_t>(*size));
      if (!write_out(out_fd, c.buffer_.data(), take, written, max_bytes, error)) return false;
      c.buffer_.erase(0, take);
      *size -= static_cast<int64_t>(take);
    }
    while (c.buffer_.size() < 2)
      if (!c.fill()) return c.ended(kChunkedEndsEarly, error);
    c.buffer_.erase(0, 2);
  }
}

// A body up to `length` bytes, or to the end of the stream without one.
bool read_plain(AnswerReader& c, std::optional<int64_t> length, int out_fd, uint64_t max_bytes, std::string* error) {
  uint64_t written = 0;
  for (;;) {
    if (length && static_cast<int64_t>(written + c.buffer_.size()) > *length)
      c.buffer_.resize(static_cast<size_t>(*length - static_cast<int64_t>(written)));
    if (!write_out(out_fd, c.buffer_.data(), c.buffer_.size(), &written, max_bytes, error)) return false;
    c.buffer_.clear();
    if (length && static_cast<int64_t>(written) == *length) return true;
    if (!c.fill()) {
      if (!c.source_error.empty()) return fail(c.source_error, error);
      if (!length) return true;
      return fail("the download ended after " + std::to_string(written) + " of " + std::to_string(*length) + " bytes",
                  error);
    }
  }
}

}  // namespace

std::optional<HttpUrl> parse_http_url(const std::string& url, std::string* error) {
  auto refuse = [&](const std::string& why) -> std::optional<HttpUrl> {
    *error = why + url;
    return std::nullopt;
  };
  std::optional<UrlParts> parts = split_url(url);
  if (!parts || parts->scheme != "http" || !parts->has_authority) return refuse("not an http:// URL: ");
  if (parts->authority.find('@') != std::string::npos) return refuse("credentials in the URL are not supported: ");
  std::optional<HostPort> host_port = split_host_port(parts->authority);
  if (!host_port) return refuse("bad host in ");
  HttpUrl out;
  out.host = host_port->host;
  if (!host_port->port.empty() || parts->authority.ends_with(":")) out.port = host_port->port;
  out.target = parts->path.empty() ? "/" : parts->path;
  if (parts->query) out.target += "?" + *parts->query;
  if (out.host.empty() || out.port.empty() || out.port.find_first_not_of("0123456789") != std::string::npos)
    return refuse("bad host or port in ");
  for (char c : out.target)
    if (c <= ' ' || c == 0x7f) return refuse("bad characters in ");
  return out;
}

bool read_http_answer(ResponseSource& source, int out_fd, uint64_t max_bytes, std::string* error) {
  AnswerReader c{source, {}, {}};
  size_t end;
  while ((end = c.buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (c.buffer_.size() > kMaxHeaderBytes) return fail("the answer's headers are too long", error);
    if (!c.fill()) return c.ended("the server closed the connection before answering", error);
  }
  std::string head = c.buffer_.substr(0, end);
  c.buffer_.erase(0, end + 4);
  size_t eol = head.find("\r\n");
  std::string status_line = head.substr(0, eol);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12)
    return fail("not an HTTP answer: " + status_line, error);
  int status = std::atoi(status_line.c_str() + 9);
  // As Python's urllib words it (Minos' fork passed its text on).
  if (status != 200) return fail("HTTP Error " + status_line.substr(9, 3) + ":" + status_line.substr(12), error);
  std::optional<int64_t> length;
  bool chunked = false;
  for (const std::string& line : split(head.substr(eol == std::string::npos ? head.size() : eol + 2), '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = to_lower(std::string(trim(line.substr(0, colon))));
    std::string value(trim(line.substr(colon + 1)));
    if (name == "content-length" && !(length = parse_size(value, 10))) return fail(kBadLength, error);
    if (name == "transfer-encoding" && to_lower(value).find("chunked") != std::string::npos) chunked = true;
  }
  if (!chunked) return read_plain(c, length, out_fd, max_bytes, error);
  uint64_t written = 0;
  return read_chunked(c, out_fd, &written, max_bytes, error);
}

bool http_get(const std::string& url_text, int out_fd, int timeout_seconds, uint64_t max_bytes, std::string* error) {
  Deadline deadline{now_ms() + static_cast<int64_t>(timeout_seconds) * 1000, timeout_seconds};
  std::optional<HttpUrl> url = parse_http_url(url_text, error);
  if (!url) return false;
  UniqueFd fd = connect_to(*url, deadline, error);
  if (!fd) return false;
  Connection c(fd.get(), deadline);
  std::string host = url->host.find(':') != std::string::npos ? "[" + url->host + "]" : url->host;
  return c.send_all("GET " + url->target + " HTTP/1.1\r\nHost: " + host + ":" + url->port +
                        "\r\nUser-Agent: supervisor-native\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                    error) &&
         read_http_answer(c, out_fd, max_bytes, error);
}

}  // namespace sn
