// Tested by t/integration/test_http.py, class LogTail.
#include "supervisord/http/log_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/http/response.h"

namespace sn {
namespace {

constexpr int64_t kHeadBytes = 1024;
constexpr size_t kMaxChunk = 64 * 1024;

}  // namespace

LogTail::LogTail(EventLoop& loop, std::string path, Responder responder)
    : path_(std::move(path)), responder_(std::move(responder)), timer_(loop.timers(), [this] { pump(); }) {}

bool LogTail::open() {
  // Never waiting on a FIFO configured as a log: only a regular file is tailed.
  file_.reset(::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  struct stat st;
  if (!file_ || ::fstat(file_.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  inode_ = st.st_ino;
  offset_ = 0;
  return true;
}

bool LogTail::start(EventLoop& loop, FileWatchers& watchers, const std::string& path, Responder responder) {
  auto tail = std::make_shared<LogTail>(loop, path, responder);
  struct stat st;
  if (!tail->open() || ::fstat(tail->file_.get(), &st) != 0) return false;
  tail->offset_ = std::max<int64_t>(st.st_size - kHeadBytes, 0);
  HttpResponse head;
  head.header("Content-Type", "text/plain;charset=utf-8");
  head.header("Last-Modified", http_date(st.st_mtime));
  head.header("X-Accel-Buffering", "no");
  responder.start_stream(head);
  std::weak_ptr<LogTail> weak = tail;
  tail->subscription_ = watchers.watch(path, [weak] {
    if (auto t = weak.lock()) t->schedule();
  });
  responder.attach(tail);  // lives as long as the connection wants it
  tail->pump();
  return true;
}

void LogTail::schedule() {
  if (!timer_.armed()) timer_.arm_at(0);  // due at once: several writes make one chunk
}

void LogTail::pump() {
  if (!responder_.connected()) return;
  struct stat at_path;
  if (::stat(path_.c_str(), &at_path) == 0 && at_path.st_ino != inode_) {
    if (!open()) return;  // rotated: follow the new file from its start
  }
  struct stat st;
  if (::fstat(file_.get(), &st) != 0) return;
  if (st.st_size < offset_) {
    offset_ = 0;
    responder_.stream("==> File truncated <==\n");
  }
  if (st.st_size == offset_) return;
  size_t want = static_cast<size_t>(std::min<int64_t>(st.st_size - offset_, kMaxChunk));
  std::string data(want, '\0');
  ssize_t n = ::pread(file_.get(), data.data(), want, offset_);
  if (n <= 0) return;
  data.resize(static_cast<size_t>(n));
  offset_ += n;
  responder_.stream(data);
  if (offset_ < st.st_size) schedule();  // more than one chunk: the rest on the next round
}

}  // namespace sn
