// Tested by t/unit/listener_protocol_test.cc.
#include "lib/events/listener_protocol.h"

#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr std::string_view kReadyToken = "READY\n";
constexpr size_t kResultPrefixLen = 7;  // "RESULT " (supervisor does not check the text itself)
// A result line longer than this is not one: the listener is babbling
// (supervisor would buffer it forever and rescan it on every read).
constexpr size_t kMaxResultLine = 4096;

}  // namespace

std::string_view listener_state_name(ListenerState state) {
  switch (state) {
    case ListenerState::kAcknowledged: return "ACKNOWLEDGED";
    case ListenerState::kReady: return "READY";
    case ListenerState::kBusy: return "BUSY";
    case ListenerState::kUnknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

void ListenerProtocol::reset() {
  state_ = ListenerState::kAcknowledged;
  buffer_.clear();
  result_.clear();
  result_len_ = -1;
}

void ListenerProtocol::event_sent() {
  if (state_ == ListenerState::kReady) state_ = ListenerState::kBusy;
}

void ListenerProtocol::become_unknown() {
  state_ = ListenerState::kUnknown;
  buffer_.clear();
  result_.clear();
  result_len_ = -1;
}

std::vector<ListenerSignal> ListenerProtocol::feed(std::string_view output) {
  std::vector<ListenerSignal> out;
  if (state_ == ListenerState::kUnknown) return out;  // ignored until the process restarts
  buffer_.append(output);
  while (!buffer_.empty() && step(&out)) {
  }
  return out;
}

bool ListenerProtocol::step(std::vector<ListenerSignal>* out) {
  switch (state_) {
    case ListenerState::kUnknown: buffer_.clear(); return false;
    case ListenerState::kAcknowledged:
      if (buffer_.size() < kReadyToken.size()) return false;
      if (buffer_.compare(0, kReadyToken.size(), kReadyToken) != 0) {
        become_unknown();
        out->push_back({ListenerSignal::Kind::kViolation, ""});
        return false;
      }
      buffer_.erase(0, kReadyToken.size());
      state_ = ListenerState::kReady;
      out->push_back({ListenerSignal::Kind::kReady, ""});
      return true;
    case ListenerState::kReady:
      // Output while waiting for an event: supervisor is strict about it.
      become_unknown();
      out->push_back({ListenerSignal::Kind::kViolation, ""});
      return false;
    case ListenerState::kBusy: break;
  }
  if (result_len_ < 0) {
    size_t newline = buffer_.find('\n');
    if (newline == std::string::npos && buffer_.size() > kMaxResultLine) {
      std::string line = buffer_.substr(0, 64) + "...";
      become_unknown();
      out->push_back({ListenerSignal::Kind::kBadResultLine, line});
      return false;
    }
    if (newline == std::string::npos) return false;
    std::string line = buffer_.substr(0, newline);
    buffer_.erase(0, newline + 1);
    std::optional<int64_t> len = parse_python_int(line.size() > kResultPrefixLen ? line.substr(kResultPrefixLen) : "");
    if (!len || *len < 0) {
      become_unknown();
      out->push_back({ListenerSignal::Kind::kBadResultLine, line});
      return false;
    }
    result_len_ = *len;
  }
  size_t needed = static_cast<size_t>(result_len_) - result_.size();
  result_.append(buffer_, 0, needed);
  buffer_.erase(0, needed);
  if (result_.size() < static_cast<size_t>(result_len_)) return false;
  bool accepted = result_ == "OK";
  out->push_back({accepted ? ListenerSignal::Kind::kAccepted : ListenerSignal::Kind::kRejected, result_});
  result_.clear();
  result_len_ = -1;
  state_ = ListenerState::kAcknowledged;
  return true;
}

}  // namespace sn
