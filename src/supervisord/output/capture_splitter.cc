// Tested by t/unit/capture_splitter_test.cc.
#include "supervisord/output/capture_splitter.h"

#include <algorithm>

namespace sn {
namespace {

constexpr std::string_view kBegin = "<!--XSUPERVISOR:BEGIN-->";
constexpr std::string_view kEnd = "<!--XSUPERVISOR:END-->";

// Length of the longest end of `data` that starts `token`.
size_t token_prefix_at_end(std::string_view data, std::string_view token) {
  for (size_t n = std::min(data.size(), token.size() - 1); n > 0; --n) {
    if (data.substr(data.size() - n) == token.substr(0, n)) return n;
  }
  return 0;
}

}  // namespace

// supervisor's BoundIO: new data pushes out as many of the oldest bytes.
void CaptureSplitter::add_to_capture(std::string_view raw) {
  std::string filtered = filter_ ? filter_(raw) : std::string();
  std::string_view data = filter_ ? std::string_view(filtered) : raw;
  if (static_cast<int64_t>(capture_.size() + data.size()) > maxbytes_) {
    capture_.erase(0, std::min(capture_.size(), data.size()));
  }
  capture_.append(data);
}

void CaptureSplitter::feed(std::string_view data, const std::function<void(std::string_view, bool)>& text,
                           const std::function<void(const std::string&)>& complete) {
  pending_.append(data);
  for (;;) {
    std::string_view token = capturing_ ? kEnd : kBegin;
    if (pending_.size() <= token.size()) return;  // not enough to decide
    std::string chunk = std::move(pending_);
    pending_.clear();
    size_t at = chunk.find(token);
    if (at == std::string::npos) {
      size_t keep = token_prefix_at_end(chunk, token);
      pending_ = chunk.substr(chunk.size() - keep);
      chunk.resize(chunk.size() - keep);
      if (!chunk.empty()) {
        if (capturing_) add_to_capture(chunk);
        text(chunk, capturing_);
      }
      return;
    }
    std::string_view before = std::string_view(chunk).substr(0, at);
    if (!before.empty()) {
      if (capturing_) add_to_capture(before);
      text(before, capturing_);
    }
    if (capturing_) {
      complete(capture_);
      capture_.clear();
    }
    capturing_ = !capturing_;
    pending_ = chunk.substr(at + token.size());
    if (pending_.empty()) return;
  }
}

}  // namespace sn
