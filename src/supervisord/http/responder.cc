// Tested by t/unit/http_connection_test.cc.
#include "supervisord/http/responder.h"

#include "supervisord/http/http_connection.h"

namespace sn {

void Responder::push() {
  if (slot_->connection) slot_->connection->pump();
}

void Responder::send(HttpResponse response) {
  if (!slot_ || slot_->complete) return;
  slot_->pending.append(response.head(slot_->keep_alive));
  if (!slot_->head_request && !response.chunked) slot_->pending.append(std::move(response.body));
  slot_->complete = true;
  push();
}

void Responder::start_stream(const HttpResponse& head) {
  if (!slot_ || slot_->complete) return;
  HttpResponse h = head;
  h.chunked = true;
  h.body.clear();
  slot_->pending.append(h.head(slot_->keep_alive));
  push();
}

void Responder::stream(std::string_view data) {
  if (!slot_ || slot_->complete || data.empty()) return;
  slot_->pending.append(http_chunk(data));
  push();
}

}  // namespace sn
