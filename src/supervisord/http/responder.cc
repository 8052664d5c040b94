// Tested by t/unit/http_connection_test.cc.
#include "supervisord/http/responder.h"

#include "supervisord/http/http_connection.h"

namespace sn {

void Responder::push() {
  if (slot_->connection) slot_->connection->pump();
}

void Responder::send(const HttpResponse& response) {
  if (!slot_ || slot_->complete) return;
  std::string bytes = response.serialize(slot_->keep_alive);
  if (slot_->head_request && !response.chunked) bytes.resize(bytes.size() - response.body.size());
  slot_->bytes += bytes;
  slot_->complete = true;
  push();
}

void Responder::start_stream(const HttpResponse& head) {
  if (!slot_ || slot_->complete) return;
  HttpResponse h = head;
  h.chunked = true;
  h.body.clear();
  slot_->bytes += h.serialize(slot_->keep_alive);
  push();
}

void Responder::stream(std::string_view data) {
  if (!slot_ || slot_->complete || data.empty()) return;
  slot_->bytes += http_chunk(data);
  push();
}

}  // namespace sn
