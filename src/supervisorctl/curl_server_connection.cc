// Tested by t/integration/test_supervisorctl.py (tail -f, maintail -f, fg).
#include "supervisorctl/curl_server_connection.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "config.h"
#include "supervisorctl/interrupt_watch.h"
#include "supervisorctl/interruption.h"

namespace sn {
namespace {

constexpr int kWaitMs = 60 * 1000;  // curl wakes us sooner when it needs to

size_t to_stdout(char* data, size_t size, size_t count, void*) {
  size_t n = std::fwrite(data, size, count, stdout);
  std::fflush(stdout);
  return n * size;
}

struct Stream {
  CurlEasy easy;
  char error[CURL_ERROR_SIZE] = {};
};

// Why a finished stream ended, as an exception, unless it ended cleanly.
void check_done(const ServerUrl& url, const std::string& path, CURL* easy, CURLcode result, const char* detail) {
  if (result == CURLE_OK) return;
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  if (result == CURLE_HTTP_RETURNED_ERROR) throw http_status_error(url, status, path);
  long os_errno = 0;
  curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
  throw transport_error_for(url, result, os_errno, detail);
}

void check_multi(CURLMcode code) {
  if (code != CURLM_OK) throw std::runtime_error(std::string("libcurl: ") + curl_multi_strerror(code));
}

}  // namespace

CurlServerConnection::CurlServerConnection(const ServerUrl& url, const Credentials& credentials)
    : rpc_(url, credentials, CallOptions{"supervisor-native supervisorctl/" PACKAGE_VERSION, interrupted}) {}

ServerConnection::FollowEnd CurlServerConnection::follow(const std::vector<std::string>& paths,
                                                         const LineHandler& on_line) {
  std::fflush(stdout);
  InterruptWatch interrupt;
  std::vector<std::unique_ptr<Stream>> streams;
  CurlMulti multi(curl_multi_init());
  if (!multi) throw std::runtime_error("libcurl: cannot create a multi handle");
  for (const std::string& path : paths) {
    auto s = std::make_unique<Stream>();
    s->easy = new_curl_easy();
    CURL* h = s->easy.get();
    configure_request(h, rpc_.url(), rpc_.credentials(), path, rpc_.options());
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, to_stdout);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, s->error);
    curl_easy_setopt(h, CURLOPT_PRIVATE, s.get());
    curl_multi_add_handle(multi.get(), h);
    streams.push_back(std::move(s));
  }
  // Handles leave the multi before they are cleaned up.
  struct Detach {
    CURLM* multi;
    std::vector<std::unique_ptr<Stream>>& streams;
    ~Detach() {
      for (auto& s : streams) curl_multi_remove_handle(multi, s->easy.get());
    }
  } detach{multi.get(), streams};

  std::string typed;
  for (;;) {
    int running = 0;
    check_multi(curl_multi_perform(multi.get(), &running));
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Stream* s = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &s);
      char* url = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_EFFECTIVE_URL, &url);
      std::string path = url ? url : "";
      if (size_t slash = path.find('/', path.find("://") + 3); slash != std::string::npos) path = path.substr(slash);
      check_done(rpc_.url(), path, msg->easy_handle, msg->data.result, s ? s->error : nullptr);
    }
    if (running == 0) return FollowEnd::kStreamsEnded;
    curl_waitfd extra[2] = {{interrupt.fd(), CURL_WAIT_POLLIN, 0}, {STDIN_FILENO, CURL_WAIT_POLLIN, 0}};
    check_multi(curl_multi_wait(multi.get(), extra, on_line ? 2 : 1, kWaitMs, nullptr));
    if (extra[0].revents) return FollowEnd::kInterrupted;
    if (!on_line || !extra[1].revents) continue;
    char buf[4096];
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return FollowEnd::kInputEnded;
    typed.append(buf, static_cast<size_t>(n));
    for (size_t nl; (nl = typed.find('\n')) != std::string::npos;) {
      std::string line = typed.substr(0, nl);
      typed.erase(0, nl + 1);
      if (!on_line(line)) return FollowEnd::kStoppedByInput;
    }
  }
}

}  // namespace sn
