// supervisor's capture mode for a child's output channel: text between
// <!--XSUPERVISOR:BEGIN--> and <!--XSUPERVISOR:END--> is collected (the
// last <channel>_capture_maxbytes of it) and handed over whole at the END
// token, for a PROCESS_COMMUNICATION event; the rest is logged as usual.
// Like supervisor, output no longer than the token being looked for, or
// ending in the start of one, waits for more data.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sn {

class CaptureSplitter {
 public:
  // `filter` is applied to text before it enters the capture (ANSI
  // stripping, as supervisor captures what it would have logged).
  explicit CaptureSplitter(int64_t capture_maxbytes, std::function<std::string(std::string_view)> filter = nullptr)
      : maxbytes_(capture_maxbytes), filter_(std::move(filter)) {}

  // `text(piece, captured)`: output to log (captured=false) or that went
  // into the capture (captured=true; supervisor still reports it as
  // PROCESS_LOG output). `complete(data)`: a finished capture.
  void feed(std::string_view data, const std::function<void(std::string_view, bool)>& text,
            const std::function<void(const std::string&)>& complete);
  bool capturing() const { return capturing_; }

 private:
  void add_to_capture(std::string_view data);

  int64_t maxbytes_;
  std::function<std::string(std::string_view)> filter_;
  bool capturing_ = false;
  std::string pending_;
  std::string capture_;
};

}  // namespace sn
