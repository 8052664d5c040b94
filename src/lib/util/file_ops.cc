#include "lib/util/file_ops.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "lib/util/read_file.h"
#include "lib/util/unique_fd.h"

namespace sn {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    done += static_cast<size_t>(n);
  }
}

std::string temporary_beside(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

}  // namespace

std::string base_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }
std::string dir_name(const std::string& path) { return path.substr(0, path.rfind('/')); }

void make_dirs(const std::string& path, mode_t mode) {
  if (path.empty()) return;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      fail("cannot create directory", path);
    }
    return;
  }
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0) make_dirs(path.substr(0, slash), mode);
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) fail("cannot create directory", path);
}

bool dir_is_empty(const std::string& path) {
  DIR* dir = ::opendir(path.c_str());
  if (!dir) {
    if (errno == ENOENT) return true;
    fail("cannot read directory", path);
  }
  bool empty = true;
  while (dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      empty = false;
      break;
    }
  }
  ::closedir(dir);
  return empty;
}

bool path_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

bool link_exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

namespace {

// Moves the finished temporary file over `path`, or removes it.
void rename_into_place(const std::string& tmp, const std::string& path, const char* what) {
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail(what, path);
  }
}

}  // namespace

void replace_file(const std::string& path, const std::string& content, mode_t mode) {
  std::string tmp = temporary_beside(path);
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode));
    if (!fd) fail("cannot write", tmp);
    write_all(fd.get(), content, tmp);
    if (::fchmod(fd.get(), mode) != 0) fail("cannot chmod", tmp);
  }
  rename_into_place(tmp, path, "cannot replace");
}

void append_file(const std::string& path, const std::string& content) {
  UniqueFd fd = open_regular_file(path, O_WRONLY | O_CREAT | O_APPEND, SymlinksOnTheWay::kRefused);
  write_all(fd.get(), content, path);
}

namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

[[noreturn]] void refuse(const std::string& path, mode_t mode) {
  throw std::runtime_error(path + " is " + kind_of(mode) + ", not a regular file");
}

int open_without_waiting(const std::string& path, int flags, SymlinksOnTheWay links, mode_t mode) {
  // O_NONBLOCK: a FIFO opens at once (or fails with ENXIO) instead of
  // waiting for its other end.
  flags |= O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  if (links == SymlinksOnTheWay::kRefused) {
    open_how how{};
    how.flags = static_cast<uint64_t>(flags);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = ::syscall(SYS_openat2, AT_FDCWD, path.c_str(), &how, sizeof how);
    // ENOSYS before Linux 5.6; EPERM where a seccomp profile knows no openat2.
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return static_cast<int>(fd);
  }
  return ::open(path.c_str(), flags, mode);  // then only the last component is checked
}

}  // namespace

UniqueFd open_regular_file(const std::string& path, int flags, SymlinksOnTheWay links, mode_t mode) {
  // Looked at before opening: opening a device can act on it.
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) refuse(path, st.st_mode);
  UniqueFd fd(open_without_waiting(path, flags, links, mode));
  if (!fd) {
    if (errno == ELOOP) throw std::runtime_error(path + " leads through a symbolic link, which is not followed");
    fail("cannot open", path);
  }
  // Looked at again: the path may have changed in between.
  if (::fstat(fd.get(), &st) != 0) fail("cannot stat", path);
  if (!S_ISREG(st.st_mode)) refuse(path, st.st_mode);
  int fl = ::fcntl(fd.get(), F_GETFL);
  if (fl >= 0) ::fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

std::optional<std::string> read_regular_file(const std::string& path, size_t max_bytes, SymlinksOnTheWay links) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) return std::nullopt;
  UniqueFd fd = open_regular_file(path, O_RDONLY, links);
  if (::fstat(fd.get(), &st) != 0) fail("cannot stat", path);
  auto too_large = [&] {
    bool mib = max_bytes % (1024 * 1024) == 0;
    return std::runtime_error(path + " is larger than " + std::to_string(max_bytes / (mib ? 1024 * 1024 : 1024)) +
                              (mib ? " MiB" : " KiB"));
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) throw too_large();
  std::string out;
  int err = read_to_end(fd.get(), max_bytes, &out);
  if (err == EFBIG) throw too_large();  // it grew meanwhile
  errno = err;
  if (err) fail("cannot read", path);
  return out;
}

void relink(const std::string& link, const std::string& target) {
  std::string tmp = temporary_beside(link);
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) fail("cannot create symlink", tmp);
  rename_into_place(tmp, link, "cannot replace symlink");
}

void hard_link(const std::string& existing, const std::string& path) {
  std::string tmp = temporary_beside(path);
  ::unlink(tmp.c_str());
  if (::link(existing.c_str(), tmp.c_str()) != 0) fail("cannot link " + existing + " to", tmp);
  rename_into_place(tmp, path, "cannot rename to");
}

std::string read_link(const std::string& link) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
  if (n < 0) fail("cannot read symlink", link);
  return std::string(buf, static_cast<size_t>(n));
}

std::string resolved_path(const std::string& path) {
  std::string head = path, tail;
  while (!head.empty()) {
    char buf[PATH_MAX];
    if (::realpath(head.c_str(), buf)) {
      std::string out = buf;
      if (!tail.empty()) out += (out == "/" ? "" : "/") + tail;
      return out;
    }
    size_t slash = head.rfind('/');
    if (slash == std::string::npos) return "";
    std::string last = head.substr(slash + 1);
    if (last == "..") return "";  // cannot say where it leads without the directory
    if (!last.empty() && last != ".") tail = tail.empty() ? last : last + "/" + tail;
    head = slash == 0 ? "/" : head.substr(0, slash);
  }
  return "";
}

bool is_inside(const std::string& path, const std::string& root) {
  std::string p = resolved_path(path), r = resolved_path(root);
  if (p.empty() || r.empty()) return false;
  if (r == "/") return true;
  return p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/');
}

}  // namespace sn
