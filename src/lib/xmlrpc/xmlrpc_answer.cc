// Tested by t/unit/xmlrpc_answer_test.cc (byte for byte what
// xmlrpc_response() gives, in pieces of every size) and
// t/integration/test_http.py (a 25 MB readLog with the daemon's memory flat).
#include "lib/xmlrpc/xmlrpc_answer.h"

#include <algorithm>

namespace sn {
namespace {

constexpr size_t kChunk = 64 * 1024;

}  // namespace

size_t utf8_safe_cut(std::string_view s, size_t want) {
  want = std::min(want, s.size());
  for (size_t back = 1; back <= 3 && back <= want; ++back) {
    unsigned char c = static_cast<unsigned char>(s[want - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: its lead is further back
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len > back ? want - back : want;
  }
  return want;
}

XmlRpcAnswer::XmlRpcAnswer(XmlRpcValue value) : value_(std::move(value)), pieces_(xmlrpc_response_pieces(value_)) {
  for (const XmlPiece& p : pieces_) size_ += p.text ? text_size(*p.text) : p.literal.size();
}

uint64_t XmlRpcAnswer::raw_size(const XmlRpcValue& v) {
  if (const DeferredText* d = v.deferred_text()) return d->size();
  return v.as_string().size();
}

bool XmlRpcAnswer::raw_bytes(const XmlRpcValue& v, uint64_t offset, size_t max, std::string* scratch,
                             std::string_view* out) {
  uint64_t total = raw_size(v);
  size_t want = static_cast<size_t>(std::min<uint64_t>(max, total - offset));
  std::string_view bytes;
  if (const DeferredText* d = v.deferred_text()) {
    scratch->clear();
    if (!d->read(offset, want, scratch) || scratch->size() != want) return false;
    bytes = *scratch;
  } else {
    bytes = std::string_view(v.as_string()).substr(static_cast<size_t>(offset), want);
  }
  // Only the text's very end may end a sequence short.
  size_t cut = offset + want == total ? bytes.size() : utf8_safe_cut(bytes, bytes.size());
  if (cut == 0) cut = bytes.size();
  *out = bytes.substr(0, cut);
  return true;
}

uint64_t XmlRpcAnswer::text_size(const XmlRpcValue& v) {
  uint64_t total = raw_size(v), escaped = 0;
  std::string scratch, piece;
  for (uint64_t offset = 0; offset < total;) {
    std::string_view bytes;
    if (!raw_bytes(v, offset, kChunk, &scratch, &bytes)) {
      broken_ = true;
      break;
    }
    piece.clear();
    append_xml_text(&piece, bytes);
    escaped += piece.size();
    offset += bytes.size();
  }
  return escaped;
}

bool XmlRpcAnswer::read(std::string* out, size_t max) {
  size_t start = out->size();
  std::string scratch;
  while (piece_ < pieces_.size() && out->size() - start < max) {
    const XmlPiece& p = pieces_[piece_];
    if (!p.text) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(max - (out->size() - start), p.literal.size() - offset_));
      out->append(p.literal, static_cast<size_t>(offset_), n);
      offset_ += n;
      if (offset_ == p.literal.size()) {
        ++piece_;
        offset_ = 0;
      }
      continue;
    }
    if (offset_ == raw_size(*p.text)) {
      ++piece_;
      offset_ = 0;
      continue;
    }
    std::string_view bytes;
    if (!raw_bytes(*p.text, offset_, std::max<size_t>(max - (out->size() - start), 4), &scratch, &bytes)) {
      broken_ = true;
      piece_ = pieces_.size();
      break;
    }
    append_xml_text(out, bytes);
    offset_ += bytes.size();
  }
  if (produced_ + (out->size() - start) > size_) {
    // The text changed since it was counted: never more than Content-Length.
    out->resize(start + static_cast<size_t>(size_ - produced_));
    broken_ = true;
    piece_ = pieces_.size();
  }
  produced_ += out->size() - start;
  return piece_ < pieces_.size();
}

}  // namespace sn
