// Tested by t/unit/http_connection_test.cc.
#include "supervisord/http/responder.h"

#include "supervisord/http/http_connection.h"

namespace sn {

void Responder::push() {
  if (slot_->connection) slot_->connection->pump();
}

namespace {

// A body larger than this is handed to the connection as a source, taken
// as the socket drains, so only a stream's backlog ever counts against a
// connection's output limit.
constexpr size_t kLargeBody = 256 * 1024;

}  // namespace

void Responder::send(HttpResponse response) {
  if (!slot_ || slot_->complete) return;
  if (!response.source && !response.chunked && response.body.size() > kLargeBody)
    response.source = std::make_shared<StringBodySource>(std::move(response.body));
  slot_->pending.append(response.head(slot_->keep_alive));
  if (!slot_->head_request && !response.chunked) {
    if (response.source) slot_->source = std::move(response.source);
    else slot_->pending.append(std::move(response.body));
  }
  slot_->complete = true;
  push();
}

void Responder::start_stream(const HttpResponse& head) {
  if (!slot_ || slot_->complete) return;
  HttpResponse h = head;
  h.chunked = !slot_->http10;
  h.until_close = slot_->http10;
  if (slot_->http10) slot_->keep_alive = false;
  h.body.clear();
  slot_->pending.append(h.head(slot_->keep_alive));
  push();
}

void Responder::stream(std::string_view data) {
  if (!slot_ || slot_->complete || data.empty()) return;
  if (slot_->http10) slot_->pending.append(std::string(data));
  else slot_->pending.append(http_chunk(data));
  push();
}

}  // namespace sn
