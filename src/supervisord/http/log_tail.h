// /logtail and /mainlogtail: the last 1024 bytes of a log, then everything
// written to it, as a chunked response that lasts until the client leaves.
// Follows rotation (a new file at the path) and says "==> File truncated <=="
// when the file shrinks, as supervisor does.
#pragma once

#include <memory>
#include <string>

#include "lib/util/event_loop.h"
#include "lib/util/unique_fd.h"
#include "supervisord/http/responder.h"
#include "supervisord/output/file_watchers.h"

namespace sn {

class LogTail : public std::enable_shared_from_this<LogTail> {
 public:
  // Starts the response; false when the file cannot be opened (answer 404).
  static bool start(EventLoop& loop, FileWatchers& watchers, const std::string& path, Responder responder);

  LogTail(EventLoop& loop, std::string path, Responder responder);

 private:
  bool open();
  void schedule();
  void pump();

  std::string path_;
  Responder responder_;
  UniqueFd file_;
  ino_t inode_ = 0;
  int64_t offset_ = 0;
  Timer timer_;
  FileWatchers::Subscription subscription_;
};

}  // namespace sn
