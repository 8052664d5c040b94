// One client connection of the HTTP server: reads and parses requests
// (pipelined ones answered in order), writes answers, and enforces the
// limits that make a bad client harmless: a request deadline, an idle
// timeout, a cap on queued requests and on unsent output.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lib/http/basic_auth.h"
#include "lib/http/request_parser.h"
#include "lib/util/event_loop.h"
#include "lib/util/memory_trimmer.h"
#include "lib/util/send_buffer.h"
#include "lib/util/unique_fd.h"
#include "supervisord/http/responder.h"

namespace sn {

struct HttpServerLimits {
  HttpLimits parser;
  size_t max_connections = 4096;
  int64_t request_deadline_ns = 30 * kNanosPerSecond;  // a request must arrive whole in this time
  int64_t idle_timeout_ns = 900 * kNanosPerSecond;     // a keep-alive connection with nothing to do
  size_t max_output = 8 * 1024 * 1024;                 // unsent bytes before a slow reader is dropped
  size_t max_queued_requests = 32;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual void handle(HttpRequest request, Responder responder) = 0;
};

class HttpConnection {
 public:
  HttpConnection(EventLoop& loop, UniqueFd fd, HttpHandler& handler, const BasicAuth* auth,
                 const HttpServerLimits& limits, MemoryTrimmer& trimmer,
                 std::function<void(HttpConnection*)> on_closed);
  ~HttpConnection();

  // A slot got more bytes or completed: write what can go out in order.
  void pump();

 private:
  void on_event(uint32_t events);
  void read_input();
  void parse_input();
  void dispatch(HttpRequest request);
  void answer_error(int status);
  void write_output();
  void update_events();
  void arm_timer();
  void on_timer();
  void close();

  EventLoop& loop_;
  UniqueFd fd_;
  EventLoop::Watch watch_;
  HttpHandler& handler_;
  const BasicAuth* auth_;
  const HttpServerLimits& limits_;
  MemoryTrimmer& trimmer_;
  std::function<void(HttpConnection*)> on_closed_;
  HttpRequestParser parser_;
  std::string in_;
  SendBuffer out_;
  size_t answered_bytes_ = 0;  // since the output last ran dry
  std::deque<std::shared_ptr<ResponseSlot>> slots_;
  uint32_t events_ = 0;
  bool closing_after_write_ = false;  // a Connection: close answer is out: no more requests
  bool peer_closed_ = false;
  bool closed_ = false;
  bool parsing_ = false;
  Timer timer_;
};

}  // namespace sn
