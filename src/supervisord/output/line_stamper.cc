#include "supervisord/output/line_stamper.h"

#include <algorithm>
#include <cstring>

namespace sn {
namespace {

// One output buffer for every stamper: the daemon is single-threaded, and a
// buffer per busy program would cost memory for nothing. Only grows, so its
// bytes are initialised once and then written in place.
std::string g_stamped;

}  // namespace

LineStamper::Stamped LineStamper::stamp(std::string_view data, const timespec& when) {
  // Every line that starts in this read starts at `when`: one stamp for all.
  std::string_view stamp = format_.format(when);
  size_t used = 0, complete = 0;
  // Room for the data, a stamp and a cut's newline; more stamps grow it.
  auto reserve = [&](size_t more) {
    if (g_stamped.size() < used + more) g_stamped.resize(std::max(used + more, 2 * g_stamped.size()));
  };
  reserve(data.size() + stamp.size() + 1);
  auto put = [&](const char* p, size_t n) {
    std::memcpy(g_stamped.data() + used, p, n);
    used += n;
  };
  while (!data.empty()) {
    if (line_bytes_ == kAtLineStart) {
      reserve(stamp.size() + data.size() + 1);
      put(stamp.data(), stamp.size());
      line_bytes_ = 0;
    }
    size_t span = std::min(data.size(), kMaxLine - line_bytes_);
    const void* newline = std::memchr(data.data(), '\n', span);
    size_t n = newline ? static_cast<size_t>(static_cast<const char*>(newline) - data.data()) + 1 : span;
    put(data.data(), n);
    data.remove_prefix(n);
    line_bytes_ += n;
    if (!newline && line_bytes_ == kMaxLine) put("\n", 1);
    if (newline || line_bytes_ == kMaxLine) {
      line_bytes_ = kAtLineStart;
      complete = used;
    }
  }
  return {std::string_view(g_stamped.data(), used), complete};
}

}  // namespace sn
