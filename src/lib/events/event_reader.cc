#include "lib/events/event_reader.h"

#include <charconv>

namespace sn {

EventTokens parse_event_tokens(std::string_view line) {
  EventTokens tokens;
  size_t pos = 0;
  while (pos < line.size()) {
    size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    std::string_view token = line.substr(pos, end - pos);
    pos = end + 1;
    if (token.empty()) continue;
    size_t colon = token.find(':');
    if (colon == std::string_view::npos)
      throw EventProtocolError("event header token without ':': " + std::string(token));
    tokens[std::string(token.substr(0, colon))] = std::string(token.substr(colon + 1));
  }
  return tokens;
}

const std::string& ListenerEvent::name() const {
  static const std::string kNone;
  auto it = header.find("eventname");
  return it == header.end() ? kNone : it->second;
}

namespace {

// Length of the UTF-8 sequence a lead byte starts; 1 for bytes that cannot
// lead one, so junk still advances.
size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF8) return 4;
  return 1;
}

size_t parse_len(const EventTokens& header) {
  auto it = header.find("len");
  if (it == header.end()) throw EventProtocolError("event header without len");
  size_t len = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), len);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw EventProtocolError("event header with a bad len: " + text);
  return len;
}

}  // namespace

size_t EventReader::payload_bytes(size_t chars) const {
  size_t pos = 0;
  for (size_t i = 0; i < chars; ++i) {
    if (pos >= buffer_.size()) return std::string::npos;
    pos += sequence_length(static_cast<unsigned char>(buffer_[pos]));
  }
  return pos <= buffer_.size() ? pos : std::string::npos;
}

std::vector<ListenerEvent> EventReader::feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<ListenerEvent> events;
  for (;;) {
    if (!in_payload_) {
      size_t nl = buffer_.find('\n');
      if (nl == std::string::npos) {
        // supervisor's header lines are short; a huge one is not a header.
        if (buffer_.size() > 64 * 1024) throw EventProtocolError("event header line too long");
        break;
      }
      current_ = ListenerEvent{};
      current_.header = parse_event_tokens(std::string_view(buffer_).substr(0, nl));
      payload_chars_ = parse_len(current_.header);
      buffer_.erase(0, nl + 1);
      in_payload_ = true;
    }
    size_t n = payload_bytes(payload_chars_);
    if (n == std::string::npos) break;
    current_.payload = buffer_.substr(0, n);
    buffer_.erase(0, n);
    in_payload_ = false;
    events.push_back(std::move(current_));
  }
  return events;
}

}  // namespace sn
