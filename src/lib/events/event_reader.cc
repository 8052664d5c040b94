#include "lib/events/event_reader.h"

#include <charconv>

namespace sn {

std::optional<EventTokens> parse_event_tokens(std::string_view line, std::string* error) {
  EventTokens tokens;
  size_t pos = 0;
  while (pos < line.size()) {
    size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    std::string_view token = line.substr(pos, end - pos);
    pos = end + 1;
    if (token.empty()) continue;
    size_t colon = token.find(':');
    if (colon == std::string_view::npos) {
      *error = "event header token without ':': " + std::string(token);
      return std::nullopt;
    }
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

bool parse_len(const EventTokens& header, size_t* len, std::string* error) {
  auto it = header.find("len");
  if (it == header.end()) {
    *error = "event header without len";
    return false;
  }
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *len);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    *error = "event header with a bad len: " + text;
    return false;
  }
  return true;
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

bool EventReader::feed(std::string_view bytes, std::vector<ListenerEvent>* events, std::string* error) {
  if (error_.empty()) {
    buffer_.append(bytes);
    while (next_event(events)) {
    }
  }
  if (error_.empty()) return true;
  buffer_.clear();
  *error = error_;
  return false;
}

bool EventReader::next_event(std::vector<ListenerEvent>* events) {
  if (!in_payload_ && !read_header()) return false;
  size_t n = payload_bytes(payload_chars_);
  if (n == std::string::npos) return false;
  current_.payload = buffer_.substr(0, n);
  buffer_.erase(0, n);
  in_payload_ = false;
  events->push_back(std::move(current_));
  return true;
}

bool EventReader::read_header() {
  size_t nl = buffer_.find('\n');
  if (nl == std::string::npos) {
    // supervisor's header lines are short; a huge one is not a header.
    if (buffer_.size() > 64 * 1024) error_ = "event header line too long";
    return false;
  }
  current_ = ListenerEvent{};
  std::optional<EventTokens> header = parse_event_tokens(std::string_view(buffer_).substr(0, nl), &error_);
  if (!header || !parse_len(*header, &payload_chars_, &error_)) return false;
  current_.header = std::move(*header);
  buffer_.erase(0, nl + 1);
  in_payload_ = true;
  return true;
}

}  // namespace sn
