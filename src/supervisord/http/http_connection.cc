// Tested by t/unit/http_connection_test.cc and t/integration/test_http.py.
#include "supervisord/http/http_connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace sn {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
// Bytes read ahead of the parser (pipelined requests waiting their turn).
constexpr size_t kMaxUnparsedInput = 256 * 1024;
// Answers this large leave enough freed heap behind to be worth a trim.
constexpr size_t kTrimAfterBytes = 64 * 1024;
// A body produced as it is sent is pulled while fewer bytes than this wait.
constexpr size_t kRefillBelow = 256 * 1024;
constexpr size_t kSourceChunk = 64 * 1024;

}  // namespace

HttpConnection::HttpConnection(EventLoop& loop, UniqueFd fd, HttpHandler& handler, const BasicAuth* auth,
                               const HttpServerLimits& limits, MemoryTrimmer& trimmer, ConnectionEvents events)
    : loop_(loop),
      fd_(std::move(fd)),
      handler_(handler),
      auth_(auth),
      limits_(limits),
      trimmer_(trimmer),
      events_(std::move(events)),
      parser_(limits.parser, /*report_headers=*/true),
      arrived_ns_(loop.clock().monotonic_ns()),
      timer_(loop.timers(), [this] { on_timer(); }) {
  watched_ = EPOLLIN | EPOLLRDHUP;
  watch_ = loop_.watch(fd_.get(), watched_, [this](uint32_t ev) { on_event(ev); });
  arm_timer();
}

HttpConnection::~HttpConnection() {
  for (auto& slot : slots_) {
    slot->connection = nullptr;
    slot->attachment.reset();
  }
}

void HttpConnection::on_event(uint32_t events) {
  if (events & (EPOLLERR | EPOLLHUP)) return close();
  if (events & EPOLLOUT) write_output();
  if (closed_) return;
  if (events & (EPOLLIN | EPOLLRDHUP)) read_input();
}

void HttpConnection::read_input() {
  char buf[kReadChunk];
  ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    return close();
  }
  if (n == 0) {
    peer_closed_ = true;
    if (lingering_) return close();
    // A client that hung up still gets the answers it asked for, but a
    // stream (a log tail) is for nobody now.
    bool answers_pending = false;
    for (const auto& slot : slots_) answers_pending = answers_pending || !slot->attachment;
    if (!answers_pending && out_.empty()) return close();
    update_events();
    return;
  }
  if (closing_after_write_) return;  // what follows a final answer is dropped
  if (!proven_ && events_.active) events_.active(this);
  in_.append(buf, static_cast<size_t>(n));
  parse_input();
  arm_timer();
}

void HttpConnection::parse_input() {
  // Answering a request can pump() and come back here: one loop at a time.
  if (parsing_) return;
  parsing_ = true;
  while (!closed_ && !closing_after_write_ && slots_.size() < limits_.max_queued_requests) {
    HttpRequestParser::Status status;
    size_t used = parser_.feed(in_, &status);
    in_.erase(0, used);
    if (in_.empty() && in_.capacity() > kReadChunk) std::string().swap(in_);  // after a large body
    if (status == HttpRequestParser::Status::kNeedMore) break;
    if (status == HttpRequestParser::Status::kError) {
      answer_error(parser_.error_status());
      forget_input();
      break;
    }
    if (status == HttpRequestParser::Status::kHeaders) {
      // Before a byte of its body is read.
      if (!authorize(parser_.pending())) {
        answer_unauthorized();
        forget_input();
        break;
      }
      continue;
    }
    dispatch(parser_.take());
  }
  parsing_ = false;
  update_events();
}

// Nothing more is read after a final answer: what was read goes, memory and all.
void HttpConnection::forget_input() {
  std::string().swap(in_);
  parser_ = HttpRequestParser(limits_.parser, /*report_headers=*/true);
}

bool HttpConnection::authorize(const HttpRequest& headers) {
  if (auth_ && !auth_->allows(headers.header("authorization"))) return false;
  if (!proven_) {
    proven_ = true;
    timer_.cancel();  // the deadline of the unproven is not its any more
    if (events_.proven) events_.proven(this);
  }
  return true;
}

void HttpConnection::dispatch(HttpRequest request) {
  auto slot = std::make_shared<ResponseSlot>();
  slot->connection = this;
  slot->keep_alive = request.keep_alive();
  slot->head_request = request.method == "HEAD";
  slot->http10 = request.minor_version == 0;
  if (!slot->keep_alive) closing_after_write_ = true;
  slots_.push_back(slot);
  handler_.handle(std::move(request), Responder(slot));
}

void HttpConnection::answer_error(int status) {
  auto slot = std::make_shared<ResponseSlot>();
  slot->connection = this;
  slot->keep_alive = false;
  closing_after_write_ = true;
  slots_.push_back(slot);
  Responder(slot).send(error_response(status));
}

void HttpConnection::answer_unauthorized() {
  auto slot = std::make_shared<ResponseSlot>();
  slot->connection = this;
  slot->keep_alive = false;
  slot->head_request = parser_.pending().method == "HEAD";
  closing_after_write_ = true;
  slots_.push_back(slot);
  HttpResponse r = error_response(401);
  r.header("WWW-Authenticate", "Basic realm=\"default\"");
  Responder(slot).send(r);
}

void HttpConnection::pump() {
  if (closed_) return;
  write_output();
  if (!closed_ && !closing_after_write_ && !in_.empty()) parse_input();
}

// Moves what the slots have produced, in request order, to the output,
// pulling bodies that are produced as they are sent only while little waits.
void HttpConnection::collect() {
  while (!slots_.empty()) {
    ResponseSlot& front = *slots_.front();
    answered_bytes_ += front.pending.size();
    out_.append(std::move(front.pending));
    if (front.source) {
      if (out_.size() >= kRefillBelow) return;
      std::string chunk;
      bool more = front.source->read(&chunk, kSourceChunk);
      answered_bytes_ += chunk.size();
      out_.append(std::move(chunk));
      if (more) continue;
      bool short_body = front.source->failed();
      front.source.reset();
      // Fewer bytes than its Content-Length said: only closing tells the client.
      if (short_body) return close();
    }
    if (!front.complete) return;
    bool keep = front.keep_alive;
    front.connection = nullptr;
    slots_.pop_front();
    if (!keep) {
      closing_after_write_ = true;
      for (auto& s : slots_) s->connection = nullptr;
      slots_.clear();
      return;
    }
  }
}

void HttpConnection::write_output() {
  for (;;) {
    collect();
    if (closed_) return;
    // Only a stream grows without bound; an answer is pulled as it drains.
    if (out_.size() > limits_.max_output) return close();  // a reader too slow for its stream
    SendBuffer::Result sent = out_.send_to(fd_.get());
    if (sent == SendBuffer::Result::kError) return close();
    if (sent == SendBuffer::Result::kWouldBlock || slots_.empty() || !slots_.front()->source) break;
  }
  if (out_.empty()) {
    if (answered_bytes_ >= kTrimAfterBytes) trimmer_.soon();
    answered_bytes_ = 0;
  }
  if (out_.empty() && slots_.empty() && (closing_after_write_ || peer_closed_)) {
    if (peer_closed_) return close();
    return linger();
  }
  update_events();
  arm_timer();
}

// The last answer is out: tell the client there is no more, and read (and
// drop) what it still sends until it leaves, so that it is not reset
// before it has read the answer.
void HttpConnection::linger() {
  if (lingering_) return;
  lingering_ = true;
  ::shutdown(fd_.get(), SHUT_WR);
  // An unauthenticated client refused at its headers may still be sending
  // its body: it has until its deadline, never longer.
  int64_t until = loop_.clock().monotonic_ns() + limits_.linger_ns;
  if (!proven_) until = std::max(until, arrived_ns_ + limits_.unproven_deadline_ns);
  timer_.arm_at(until);
  update_events();
}

void HttpConnection::update_events() {
  if (closed_) return;
  uint32_t want = 0;
  bool reading = lingering_ || (!peer_closed_ && !closing_after_write_ && in_.size() < kMaxUnparsedInput &&
                                slots_.size() < limits_.max_queued_requests);
  if (closing_after_write_ && !peer_closed_) reading = true;  // to drop it, so the client can read the answer
  if (reading) want |= EPOLLIN | EPOLLRDHUP;
  if (!out_.empty()) want |= EPOLLOUT;
  if (want != watched_) {
    watched_ = want;
    watch_.set_events(want);
  }
}

void HttpConnection::arm_timer() {
  if (closed_ || lingering_) return;
  int64_t now = loop_.clock().monotonic_ns();
  if (!proven_) {
    // Fixed from arrival: trickling bytes does not extend it.
    if (!timer_.armed()) timer_.arm_at(arrived_ns_ + limits_.unproven_deadline_ns);
  } else if (parser_.started()) {
    if (!timer_.armed() || timer_.deadline() > now + limits_.request_deadline_ns) {
      timer_.arm_at(now + limits_.request_deadline_ns);
    }
  } else if (slots_.empty() && out_.empty()) {
    timer_.arm_at(now + limits_.idle_timeout_ns);
  } else {
    timer_.cancel();  // answers are being produced: no time limit on them
  }
}

void HttpConnection::on_timer() {
  if (lingering_) return close();
  if (parser_.started() && slots_.empty() && !closing_after_write_) {
    // Too slow to send a whole request: tell it, then hang up.
    closing_after_write_ = true;
    in_.clear();
    out_.append(error_response(408).serialize(false));
    write_output();
    if (!closed_ && !lingering_) timer_.arm_at(loop_.clock().monotonic_ns() + kNanosPerSecond);
    return;
  }
  close();
}

void HttpConnection::close() {
  if (closed_) return;
  closed_ = true;
  timer_.cancel();
  watch_.reset();
  for (auto& slot : slots_) {
    slot->connection = nullptr;
    slot->attachment.reset();
  }
  slots_.clear();
  fd_.reset();
  events_.closed(this);
}

}  // namespace sn
