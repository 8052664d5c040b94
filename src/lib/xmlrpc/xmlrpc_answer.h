// An XML-RPC answer sent as it is produced: the document xmlrpc_response()
// would build, handed out a piece at a time as the socket drains, its
// large strings escaped (and deferred ones read) only as they go out. So
// an answer of any size costs its value and a piece, never a second copy
// of itself; a log read of 25 MB costs a piece. Its size is known before
// the first byte goes (escaping is counted ahead), for Content-Length.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lib/http/body_source.h"
#include "lib/xmlrpc/value.h"
#include "lib/xmlrpc/xml_writer.h"

namespace sn {

class XmlRpcAnswer : public BodySource {
 public:
  explicit XmlRpcAnswer(XmlRpcValue value);
  XmlRpcAnswer(const XmlRpcAnswer&) = delete;
  XmlRpcAnswer& operator=(const XmlRpcAnswer&) = delete;

  // False when a deferred text could not be read to count it: answer a
  // fault instead.
  bool readable() const { return !broken_; }
  uint64_t size() const override { return size_; }
  bool read(std::string* out, size_t max) override;
  bool failed() const override { return broken_ || produced_ != size_; }

 private:
  // The next raw bytes of the text piece `v` from `offset`: at most about
  // `max`, never ending inside a UTF-8 sequence the next bytes complete.
  bool raw_bytes(const XmlRpcValue& v, uint64_t offset, size_t max, std::string* scratch, std::string_view* out);
  uint64_t text_size(const XmlRpcValue& v);
  static uint64_t raw_size(const XmlRpcValue& v);

  XmlRpcValue value_;
  std::vector<XmlPiece> pieces_;
  uint64_t size_ = 0;
  size_t piece_ = 0;     // the piece being sent
  uint64_t offset_ = 0;  // bytes of its literal sent, or of its raw text escaped
  uint64_t produced_ = 0;
  bool broken_ = false;  // a deferred text could not be read
};

// Where to cut `s` to escape at most its first `want` bytes now, without
// splitting a UTF-8 sequence that bytes after the cut may complete (so a
// cut at the very end of `s` backs off from an unfinished sequence too).
size_t utf8_safe_cut(std::string_view s, size_t want);

}  // namespace sn
