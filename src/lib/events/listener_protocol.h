// One event listener's side of supervisor's listener protocol, as a state
// machine fed with what the listener writes on stdout:
//   ACKNOWLEDGED --"READY\n"--> READY --(an event is sent)--> BUSY
//   BUSY --"RESULT <n>\n<n bytes>"--> ACKNOWLEDGED (result "OK": accepted)
// Anything else is a protocol violation and the listener is UNKNOWN until
// its process restarts. Bytes after a complete token are taken at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sn {

enum class ListenerState { kAcknowledged, kReady, kBusy, kUnknown };
std::string_view listener_state_name(ListenerState state);  // "ACKNOWLEDGED" ...

// What the daemon must act on after feeding output.
struct ListenerSignal {
  enum class Kind {
    kReady,          // give it the next event
    kAccepted,       // the event in hand is done
    kRejected,       // result other than "OK": re-queue the event ("event was rejected")
    kBadResultLine,  // "RESULT x" with no length: UNKNOWN, re-queue the event
    kViolation,      // junk while ACKNOWLEDGED or READY: UNKNOWN (no event in hand)
  };
  Kind kind;
  std::string text;  // the result (kRejected) or the offending line (kBadResultLine)
};

class ListenerProtocol {
 public:
  ListenerState state() const { return state_; }
  // Appends the listener's output and returns what it amounts to, in order.
  std::vector<ListenerSignal> feed(std::string_view output);
  // An event was written to the listener: READY -> BUSY.
  void event_sent();
  // The listener process (re)starts: ACKNOWLEDGED, nothing buffered.
  void reset();

 private:
  // One step on the buffer; false when more output is needed.
  bool step(std::vector<ListenerSignal>* out);
  void become_unknown();

  ListenerState state_ = ListenerState::kAcknowledged;
  std::string buffer_;
  std::string result_;
  int64_t result_len_ = -1;  // -1: the RESULT line has not been read
};

}  // namespace sn
