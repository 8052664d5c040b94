// An append-only log file that rolls over by size the way supervisor does:
// after a write that leaves it at or past maxbytes, f.(n-1)->f.n ... f->f.1
// and a fresh empty f. maxbytes == 0 never rotates; backups == 0 keeps no
// old files. Files that are not regular (/dev/stdout, a FIFO) never rotate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/util/unique_fd.h"

namespace sn {

class RotatingFile {
 public:
  RotatingFile(std::string path, int64_t maxbytes, int backups);

  // Opens for appending, creating the file (mode 0644 less umask). 0 or errno.
  int open();
  // Uses `fd`, already open for appending to path(), instead of opening it.
  int adopt(UniqueFd fd);
  bool is_open() const { return fd_.valid(); }
  void close() { fd_.reset(); }
  // Appends all of `data`, then rotates if due (unless told to hold it:
  // the data ends inside a line that must not be split across files). 0 or errno.
  enum Rotation { kRotateIfDue, kHoldRotation };
  int write(std::string_view data, Rotation rotation = kRotateIfDue);
  // Closes and opens again without rotating (SIGUSR2, external logrotate).
  int reopen();
  // Deletes the file and starts a new empty one (clearLog). 0 or errno.
  int remove_and_reopen();

  const std::string& path() const { return path_; }
  int64_t maxbytes() const { return maxbytes_; }
  int backups() const { return backups_; }

 private:
  int open_with(int extra_flags);
  int measure();
  int rotate();

  std::string path_;
  int64_t maxbytes_;
  int backups_;
  UniqueFd fd_;
  bool rotatable_ = false;
  int64_t size_ = 0;  // our estimate; checked against fstat before rotating
};

}  // namespace sn
