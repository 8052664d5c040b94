// One client connection of the HTTP server: reads and parses requests
// (pipelined ones answered in order), writes answers, and enforces the
// limits that make a bad client harmless. Credentials are checked as soon
// as a request's headers are in, before any of its body is read. Until a
// request of it has passed that check the connection is unproven and
// lives at most `unproven_deadline_ns` from its arrival, however it
// trickles; after that it has a request deadline and an idle timeout. A
// connection that is done closes gracefully: it says so (shutdown), then
// reads and drops what the client still sends, briefly, so the client
// reads the answer instead of a reset.
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
#include "supervisord/http/connection_budget.h"
#include "supervisord/http/responder.h"

namespace sn {

struct HttpServerLimits {
  HttpLimits parser;
  ConnectionBudgetLimits budget;
  int64_t unproven_deadline_ns = 10 * kNanosPerSecond;  // from arrival to a request that passed authentication
  int64_t request_deadline_ns = 30 * kNanosPerSecond;   // a request must arrive whole in this time
  int64_t idle_timeout_ns = 900 * kNanosPerSecond;      // a keep-alive connection with nothing to do
  int64_t linger_ns = 2 * kNanosPerSecond;              // reading what follows a final answer
  size_t max_output = 8 * 1024 * 1024;                  // unsent bytes of a stream before a slow reader is dropped
  size_t max_queued_requests = 32;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual void handle(HttpRequest request, Responder responder) = 0;
};

// What a connection tells its server.
struct ConnectionEvents {
  std::function<void(HttpConnection*)> closed;  // it is done: destroy it (not from this call)
  std::function<void(HttpConnection*)> proven;  // a request of it passed authentication
  std::function<void(HttpConnection*)> active;  // bytes arrived while it was unproven
};

class HttpConnection {
 public:
  HttpConnection(EventLoop& loop, UniqueFd fd, HttpHandler& handler, const BasicAuth* auth,
                 const HttpServerLimits& limits, MemoryTrimmer& trimmer, ConnectionEvents events);
  ~HttpConnection();

  // A slot got more bytes or completed: write what can go out in order.
  void pump();
  // Drops the connection at once (the server needs room).
  void close();
  // Reads what the client has sent but the loop has not read yet (before
  // the server decides this connection is idle).
  void read_now() {
    if (!closed_) read_input();
  }
  bool proven() const { return proven_; }

 private:
  void on_event(uint32_t events);
  void read_input();
  void parse_input();
  bool authorize(const HttpRequest& headers);
  void forget_input();
  void dispatch(HttpRequest request);
  void answer_error(int status);
  void answer_unauthorized();
  void collect();
  void write_output();
  void linger();
  void update_events();
  void arm_timer();
  void on_timer();

  EventLoop& loop_;
  UniqueFd fd_;
  EventLoop::Watch watch_;
  HttpHandler& handler_;
  const BasicAuth* auth_;
  const HttpServerLimits& limits_;
  MemoryTrimmer& trimmer_;
  ConnectionEvents events_;
  HttpRequestParser parser_;
  std::string in_;
  SendBuffer out_;
  size_t answered_bytes_ = 0;  // since the output last ran dry
  std::deque<std::shared_ptr<ResponseSlot>> slots_;
  int64_t arrived_ns_;
  uint32_t watched_ = 0;
  bool proven_ = false;
  bool closing_after_write_ = false;  // a final answer is queued: no more requests
  bool lingering_ = false;            // the final answer is out: dropping input until the client leaves
  bool peer_closed_ = false;
  bool closed_ = false;
  bool parsing_ = false;
  Timer timer_;
};

}  // namespace sn
