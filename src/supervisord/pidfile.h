// The pidfile, held under an exclusive flock for as long as supervisord
// runs, so a second supervisord with the same pidfile is refused instead of
// fighting the first over the same children.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "lib/util/unique_fd.h"

namespace sn {

class PidFile {
 public:
  // Opens and locks `path`. nullopt and `error` set when another process
  // holds the lock or the file cannot be opened. The descriptor is inherited
  // across daemonizing, so the lock stays with the daemon.
  static std::optional<PidFile> acquire(const std::string& path, std::string* error);

  // Replaces the content with "<pid>\n". 0 or errno.
  int write(pid_t pid);
  // Deletes the file (at a clean exit); the lock goes with the descriptor.
  void remove();
  const std::string& path() const { return path_; }

  PidFile(std::string path, UniqueFd locked_fd, bool created)
      : path_(std::move(path)), fd_(std::move(locked_fd)), created_(created) {}
  PidFile(PidFile&&) = default;
  PidFile& operator=(PidFile&&) = default;
  // A file this run created and never wrote (a start that failed) goes:
  // an empty pidfile would be taken for a crashed daemon's.
  ~PidFile();

 private:
  std::string path_;
  UniqueFd fd_;
  bool created_ = false;
  bool written_ = false;
};

}  // namespace sn
