// The listener's side of supervisor's event protocol: splits what the
// daemon writes on a listener's stdin into events. A header line of
// "key:value" tokens ends in "\n"; "len" counts the payload in characters,
// as Python's text streams do, so a payload of multi-byte UTF-8 is longer
// in bytes than its len.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

// "a:1 b:2" -> {a:1, b:2}; a token without ':' is an error, as in
// supervisor's childutils.get_headers.
using EventTokens = std::map<std::string, std::string>;
EventTokens parse_event_tokens(std::string_view line);

struct ListenerEvent {
  EventTokens header;  // ver server serial pool poolserial eventname len
  std::string payload;
  const std::string& name() const;  // header "eventname", or "" when missing
};

class EventProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a listener writes back: ready for an event, and done with one.
inline constexpr std::string_view kListenerReady = "READY\n";
inline constexpr std::string_view kListenerOk = "RESULT 2\nOK";
inline constexpr std::string_view kListenerFail = "RESULT 4\nFAIL";

class EventReader {
 public:
  // Takes the bytes read so far; returns every event now complete, in
  // order. Throws EventProtocolError on a header that cannot be read.
  std::vector<ListenerEvent> feed(std::string_view bytes);
  bool idle() const { return buffer_.empty() && !in_payload_; }

 private:
  // Bytes making up the first `chars` UTF-8 characters of buffer_, or
  // npos when not all of them have arrived.
  size_t payload_bytes(size_t chars) const;

  std::string buffer_;
  bool in_payload_ = false;
  ListenerEvent current_;
  size_t payload_chars_ = 0;
};

}  // namespace sn
