#include "supervisord/http/http_connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace sn {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
// Bytes read ahead of the parser (pipelined requests waiting their turn).
constexpr size_t kMaxUnparsedInput = 256 * 1024;
// Answers this large leave enough freed heap behind to be worth a trim.
constexpr size_t kTrimAfterBytes = 64 * 1024;

}  // namespace

HttpConnection::HttpConnection(EventLoop& loop, UniqueFd fd, HttpHandler& handler, const BasicAuth* auth,
                               const HttpServerLimits& limits, MemoryTrimmer& trimmer,
                               std::function<void(HttpConnection*)> on_closed)
    : loop_(loop),
      fd_(std::move(fd)),
      handler_(handler),
      auth_(auth),
      limits_(limits),
      trimmer_(trimmer),
      on_closed_(std::move(on_closed)),
      parser_(limits.parser),
      timer_(loop.timers(), [this] { on_timer(); }) {
  events_ = EPOLLIN | EPOLLRDHUP;
  watch_ = loop_.watch(fd_.get(), events_, [this](uint32_t ev) { on_event(ev); });
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
    // A client that hung up still gets the answers it asked for, but a
    // stream (a log tail) is for nobody now.
    bool answers_pending = false;
    for (const auto& slot : slots_) answers_pending = answers_pending || !slot->attachment;
    if (!answers_pending && out_.empty()) return close();
    update_events();
    return;
  }
  if (closing_after_write_) return;  // input after "Connection: close" is ignored
  in_.append(buf, static_cast<size_t>(n));
  parse_input();
  arm_timer();
}

void HttpConnection::parse_input() {
  // Answering a request can pump() and come back here: one loop at a time.
  if (parsing_) return;
  parsing_ = true;
  while (!closed_ && !closing_after_write_ && !in_.empty() && slots_.size() < limits_.max_queued_requests) {
    HttpRequestParser::Status status;
    size_t used = parser_.feed(in_, &status);
    in_.erase(0, used);
    if (in_.empty() && in_.capacity() > kReadChunk) std::string().swap(in_);  // after a large body
    if (status == HttpRequestParser::Status::kNeedMore) break;
    if (status == HttpRequestParser::Status::kError) {
      in_.clear();
      answer_error(parser_.error_status());
      break;
    }
    dispatch(parser_.take());
  }
  parsing_ = false;
  update_events();
}

void HttpConnection::dispatch(HttpRequest request) {
  auto slot = std::make_shared<ResponseSlot>();
  slot->connection = this;
  slot->keep_alive = request.keep_alive();
  slot->head_request = request.method == "HEAD";
  if (!slot->keep_alive) closing_after_write_ = true;
  slots_.push_back(slot);
  if (auth_ && !auth_->allows(request.header("authorization"))) {
    slot->keep_alive = false;
    closing_after_write_ = true;
    HttpResponse r = error_response(401);
    r.header("WWW-Authenticate", "Basic realm=\"default\"");
    Responder(slot).send(r);
    return;
  }
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

void HttpConnection::pump() {
  if (closed_) return;
  while (!slots_.empty()) {
    ResponseSlot& front = *slots_.front();
    answered_bytes_ += front.pending.size();
    out_.append(std::move(front.pending));
    if (!front.complete) break;
    bool keep = front.keep_alive;
    front.connection = nullptr;
    slots_.pop_front();
    if (!keep) {
      closing_after_write_ = true;
      for (auto& s : slots_) s->connection = nullptr;
      slots_.clear();
      break;
    }
  }
  if (out_.size() > limits_.max_output) return close();  // a reader too slow for its stream
  write_output();
  if (!closed_ && !closing_after_write_ && !in_.empty()) parse_input();
}

void HttpConnection::write_output() {
  if (out_.send_to(fd_.get()) == SendBuffer::Result::kError) return close();
  if (out_.empty()) {
    if (answered_bytes_ >= kTrimAfterBytes) trimmer_.soon();
    answered_bytes_ = 0;
  }
  if (out_.empty() && slots_.empty() && (closing_after_write_ || peer_closed_)) return close();
  update_events();
  arm_timer();
}

void HttpConnection::update_events() {
  if (closed_) return;
  uint32_t want = 0;
  bool reading = !peer_closed_ && !closing_after_write_ && in_.size() < kMaxUnparsedInput &&
                 slots_.size() < limits_.max_queued_requests;
  if (reading) want |= EPOLLIN | EPOLLRDHUP;
  if (!out_.empty()) want |= EPOLLOUT;
  if (want != events_) {
    events_ = want;
    watch_.set_events(want);
  }
}

void HttpConnection::arm_timer() {
  if (closed_) return;
  int64_t now = loop_.clock().monotonic_ns();
  if (parser_.started()) {
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
  if (parser_.started() && slots_.empty()) {
    // Too slow to send a whole request: tell it, then hang up.
    out_.append(error_response(408).serialize(false));
    closing_after_write_ = true;
    write_output();
    if (!closed_) timer_.arm_at(loop_.clock().monotonic_ns() + kNanosPerSecond);
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
  on_closed_(this);
}

}  // namespace sn
