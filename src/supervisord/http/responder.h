// How a request handler answers: once (now or later), or as a stream
// (chunked, or for an HTTP/1.0 client unframed until the connection ends). Answers for pipelined requests go out in
// request order; an answer for a connection that has gone away is dropped.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "lib/http/response.h"
#include "lib/util/send_buffer.h"

namespace sn {

class HttpConnection;

// The place of one request's answer in its connection's queue.
struct ResponseSlot {
  HttpConnection* connection = nullptr;  // null once the connection is gone
  SendBuffer pending;                    // written when the slot is first in line
  std::shared_ptr<BodySource> source;    // after `pending`: pulled as the socket drains
  bool keep_alive = true;
  bool head_request = false;
  bool http10 = false;               // no chunked coding: a stream ends with the connection
  bool complete = false;             // nothing more will be added
  std::shared_ptr<void> attachment;  // kept alive with the answer (a log tail)
};

class Responder {
 public:
  explicit Responder(std::shared_ptr<ResponseSlot> slot) : slot_(std::move(slot)) {}

  bool connected() const { return slot_ && slot_->connection; }
  void send(HttpResponse response);
  void start_stream(const HttpResponse& head);
  void stream(std::string_view data);
  // Ties `object` to the answer: released when the connection goes away.
  void attach(std::shared_ptr<void> object) { slot_->attachment = std::move(object); }

 private:
  void push();
  std::shared_ptr<ResponseSlot> slot_;
};

}  // namespace sn
