// Tested by http_fetch_test.cc against a one-shot local server, and by
// t/integration/test_deployment.py against a Python package server.
#include "lib/http/http_fetch.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "lib/http/url.h"
#include "lib/util/strings.h"
#include "lib/util/unique_fd.h"

namespace sn {

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

class Timeout : public std::runtime_error {
 public:
  Timeout() : std::runtime_error("timeout") {}
};

int64_t now_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

class Connection : public ResponseSource {
 public:
  Connection(int fd, int64_t deadline_ms) : fd_(fd), deadline_(deadline_ms) {}

  void wait(short events) {
    for (;;) {
      int64_t left = deadline_ - now_ms();
      if (left <= 0) throw Timeout();
      pollfd p{fd_, events, 0};
      int rc = ::poll(&p, 1, static_cast<int>(left));
      if (rc > 0) return;
      if (rc < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
  }

  void send_all(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        wait(POLLOUT);
      } else {
        throw std::runtime_error(std::string("send: ") + std::strerror(errno));
      }
    }
  }

  bool fill(std::string& buffer) override {
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        buffer.append(buf, static_cast<size_t>(n));
        return true;
      }
      if (n == 0) return false;
      if (errno == EAGAIN || errno == EINTR) {
        wait(POLLIN);
        continue;
      }
      throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
    }
  }

 private:
  int fd_;
  int64_t deadline_;
};

// The answer's bytes not yet taken, and where more come from.
struct AnswerReader {
  ResponseSource& source;
  std::string buffer_;
  bool fill() { return source.fill(buffer_); }
};

UniqueFd connect_to(const HttpUrl& url, int64_t deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found);
  if (rc != 0) throw std::runtime_error("cannot resolve " + url.host + ": " + ::gai_strerror(rc));
  std::string last_error = "no address";
  UniqueFd fd;
  for (addrinfo* a = found; a; a = a->ai_next) {
    fd.reset(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd) continue;
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) == 0) break;
    if (errno == EINPROGRESS) {
      Connection c(fd.get(), deadline);
      try {
        c.wait(POLLOUT);
      } catch (...) {
        ::freeaddrinfo(found);
        throw;
      }
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      if (err == 0) break;
      last_error = std::strerror(err);
    } else {
      last_error = std::strerror(errno);
    }
    fd.reset();
  }
  ::freeaddrinfo(found);
  if (!fd) throw std::runtime_error("cannot connect to " + url.host + ":" + url.port + ": " + last_error);
  return fd;
}

void write_out(int out_fd, const char* data, size_t size, uint64_t* written, uint64_t max_bytes) {
  *written += size;
  if (*written > max_bytes) throw std::runtime_error("the body is larger than " + std::to_string(max_bytes) + " bytes");
  while (size > 0) {
    ssize_t n = ::write(out_fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("cannot write the download: ") + std::strerror(errno));
    data += n;
    size -= static_cast<size_t>(n);
  }
}

int64_t parse_size(std::string_view text, int base) {
  if (text.empty() || text.size() > 15) throw std::runtime_error("bad length in the answer");
  int64_t n = 0;
  for (char c : text) {
    int d = (c >= '0' && c <= '9')                 ? c - '0'
            : (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                   : -1;
    if (d < 0) throw std::runtime_error("bad length in the answer");
    n = n * base + d;
  }
  return n;
}

void read_chunked(AnswerReader& c, int out_fd, uint64_t* written, uint64_t max_bytes) {
  for (;;) {
    size_t eol;
    while ((eol = c.buffer_.find("\r\n")) == std::string::npos) {
      if (c.buffer_.size() > 1024 || !c.fill()) throw std::runtime_error("the chunked body ends early");
    }
    std::string_view line(c.buffer_.data(), eol);
    line = line.substr(0, line.find(';'));
    int64_t size = parse_size(trim(line), 16);
    c.buffer_.erase(0, eol + 2);
    if (size == 0) return;  // trailers are not needed
    while (size > 0) {
      if (c.buffer_.empty() && !c.fill()) throw std::runtime_error("the chunked body ends early");
      size_t take = std::min(c.buffer_.size(), static_cast<size_t>(size));
      write_out(out_fd, c.buffer_.data(), take, written, max_bytes);
      c.buffer_.erase(0, take);
      size -= static_cast<int64_t>(take);
    }
    while (c.buffer_.size() < 2)
      if (!c.fill()) throw std::runtime_error("the chunked body ends early");
    c.buffer_.erase(0, 2);
  }
}

}  // namespace

HttpUrl parse_http_url(const std::string& url) {
  std::optional<UrlParts> parts = split_url(url);
  if (!parts || parts->scheme != "http" || !parts->has_authority)
    throw std::runtime_error("not an http:// URL: " + url);
  if (parts->authority.find('@') != std::string::npos)
    throw std::runtime_error("credentials in the URL are not supported: " + url);
  std::optional<HostPort> host_port = split_host_port(parts->authority);
  if (!host_port) throw std::runtime_error("bad host in " + url);
  HttpUrl out;
  out.host = host_port->host;
  if (!host_port->port.empty() || parts->authority.ends_with(":")) out.port = host_port->port;
  out.target = parts->path.empty() ? "/" : parts->path;
  if (parts->query) out.target += "?" + *parts->query;
  if (out.host.empty() || out.port.empty() || out.port.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("bad host or port in " + url);
  for (char c : out.target)
    if (c <= ' ' || c == 0x7f) throw std::runtime_error("bad characters in " + url);
  return out;
}

std::string read_http_answer(ResponseSource& source, int out_fd, uint64_t max_bytes) {
  AnswerReader c{source, {}};
  size_t end;
  while ((end = c.buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (c.buffer_.size() > kMaxHeaderBytes) return "the answer's headers are too long";
    if (!c.fill()) return "the server closed the connection before answering";
  }
  std::string head = c.buffer_.substr(0, end);
  c.buffer_.erase(0, end + 4);
  size_t eol = head.find("\r\n");
  std::string status_line = head.substr(0, eol);
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) return "not an HTTP answer: " + status_line;
  int status = std::atoi(status_line.c_str() + 9);
  // As Python's urllib words it (Minos' fork passed its text on).
  if (status != 200) return "HTTP Error " + status_line.substr(9, 3) + ":" + status_line.substr(12);
  std::optional<int64_t> length;
  bool chunked = false;
  for (const std::string& line : split(head.substr(eol == std::string::npos ? head.size() : eol + 2), '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = to_lower(std::string(trim(line.substr(0, colon))));
    std::string value(trim(line.substr(colon + 1)));
    if (name == "content-length") length = parse_size(value, 10);
    if (name == "transfer-encoding" && to_lower(value).find("chunked") != std::string::npos) chunked = true;
  }
  uint64_t written = 0;
  if (chunked) {
    read_chunked(c, out_fd, &written, max_bytes);
    return "";
  }
  for (;;) {
    if (length && static_cast<int64_t>(written + c.buffer_.size()) > *length)
      c.buffer_.resize(static_cast<size_t>(*length - static_cast<int64_t>(written)));
    write_out(out_fd, c.buffer_.data(), c.buffer_.size(), &written, max_bytes);
    c.buffer_.clear();
    if (length && static_cast<int64_t>(written) == *length) return "";
    if (!c.fill()) {
      if (length)
        return "the download ended after " + std::to_string(written) + " of " + std::to_string(*length) + " bytes";
      return "";
    }
  }
}

std::string http_get(const std::string& url_text, int out_fd, int timeout_seconds, uint64_t max_bytes) {
  int64_t deadline = now_ms() + static_cast<int64_t>(timeout_seconds) * 1000;
  try {
    HttpUrl url = parse_http_url(url_text);
    UniqueFd fd = connect_to(url, deadline);
    Connection c(fd.get(), deadline);
    std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    c.send_all("GET " + url.target + " HTTP/1.1\r\nHost: " + host + ":" + url.port +
               "\r\nUser-Agent: supervisor-native\r\nAccept: */*\r\nConnection: close\r\n\r\n");
    return read_http_answer(c, out_fd, max_bytes);
  } catch (const Timeout&) {
    return "timed out after " + std::to_string(timeout_seconds) + " s";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace sn
