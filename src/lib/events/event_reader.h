// The listener's side of supervisor's event protocol: splits what the
// daemon writes on a listener's stdin into events. A header line of
// "key:value" tokens ends in "\n"; "len" counts the payload in characters,
// as Python's text streams do, so a payload of multi-byte UTF-8 is longer
// in bytes than its len.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

// "a:1 b:2" -> {a:1, b:2}; a token without ':' is an error, as in
// supervisor's childutils.get_headers.
using EventTokens = std::map<std::string, std::string>;
std::optional<EventTokens> parse_event_tokens(std::string_view line, std::string* error);

struct ListenerEvent {
  EventTokens header;  // ver server serial pool poolserial eventname len
  std::string payload;
  const std::string& name() const;  // header "eventname", or "" when missing
};

// What a listener writes back: ready for an event, and done with one.
inline constexpr std::string_view kListenerReady = "READY\n";
inline constexpr std::string_view kListenerOk = "RESULT 2\nOK";
inline constexpr std::string_view kListenerFail = "RESULT 4\nFAIL";

class EventReader {
 public:
  // Takes the bytes read so far and appends every event now complete, in
  // order; false (and nothing more read) once a header cannot be read.
  bool feed(std::string_view bytes, std::vector<ListenerEvent>* events, std::string* error);
  bool idle() const { return buffer_.empty() && !in_payload_; }

 private:
  // Moves one complete event from buffer_ to *events; false when none is
  // complete yet or error_ says why the header cannot be read.
  bool next_event(std::vector<ListenerEvent>* events);
  // Takes a header line from buffer_; false when none has arrived whole,
  // or error_ says why it cannot be read.
  bool read_header();

  // Bytes making up the first `chars` UTF-8 characters of buffer_, or
  // npos when not all of them have arrived.
  size_t payload_bytes(size_t chars) const;

  std::string buffer_;
  bool in_payload_ = false;
  ListenerEvent current_;
  size_t payload_chars_ = 0;
  std::string error_;  // once set, nothing more is read
};

}  // namespace sn
