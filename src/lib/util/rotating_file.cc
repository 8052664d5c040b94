#include "lib/util/rotating_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace sn {
namespace {

int rename_tolerating_missing(const std::string& from, const std::string& to) {
  if (::unlink(to.c_str()) != 0 && errno != ENOENT) return errno;
  if (::rename(from.c_str(), to.c_str()) != 0 && errno != ENOENT) return errno;
  return 0;
}

}  // namespace

RotatingFile::RotatingFile(std::string path, int64_t maxbytes, int backups)
    : path_(std::move(path)), maxbytes_(maxbytes), backups_(backups) {}

int RotatingFile::open() { return open_with(O_APPEND); }

int RotatingFile::open_with(int extra_flags) {
  // A FIFO nobody reads fails here (ENXIO) instead of stalling the daemon;
  // writes then block as they always did (a log on a pipe loses nothing).
  fd_.reset(::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | extra_flags, 0644));
  if (!fd_) return errno;
  int flags = ::fcntl(fd_.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd_.get(), F_SETFL, flags & ~O_NONBLOCK);
  return measure();
}

int RotatingFile::adopt(UniqueFd fd) {
  fd_ = std::move(fd);
  return fd_ ? measure() : EBADF;
}

int RotatingFile::measure() {
  struct stat st;
  rotatable_ = ::fstat(fd_.get(), &st) == 0 && S_ISREG(st.st_mode) && maxbytes_ > 0;
  size_ = rotatable_ ? st.st_size : 0;
  return 0;
}

int RotatingFile::write(std::string_view data, Rotation rotation) {
  if (!fd_) return EBADF;
  while (!data.empty()) {
    ssize_t n = ::write(fd_.get(), data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
    size_ += n;
  }
  if (rotation == kRotateIfDue && rotatable_ && size_ >= maxbytes_) {
    // Others may append to the same file: trust the real size.
    struct stat st;
    if (::fstat(fd_.get(), &st) == 0) size_ = st.st_size;
    if (size_ >= maxbytes_) return rotate();
  }
  return 0;
}

int RotatingFile::rotate() {
  fd_.reset();
  int err = 0;
  if (backups_ > 0) {
    for (int i = backups_ - 1; i > 0; --i) {
      std::string from = path_ + "." + std::to_string(i);
      if (::access(from.c_str(), F_OK) == 0) {
        int e = rename_tolerating_missing(from, path_ + "." + std::to_string(i + 1));
        if (e && !err) err = e;
      }
    }
    int e = rename_tolerating_missing(path_, path_ + ".1");
    if (e && !err) err = e;
  }
  int e = open_with(O_APPEND | O_TRUNC);
  return err ? err : e;
}

int RotatingFile::reopen() {
  fd_.reset();
  return open();
}

int RotatingFile::remove_and_reopen() {
  fd_.reset();
  int err = 0;
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) err = errno;
  int e = open();
  return err ? err : e;
}

}  // namespace sn
