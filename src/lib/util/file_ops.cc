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

#include "lib/util/read_file.h"
#include "lib/util/unique_fd.h"

namespace sn {

namespace {

bool fail(const std::string& what, const std::string& path, std::string* error) {
  *error = what + " " + path + ": " + std::strerror(errno);
  return false;
}

bool write_all(int fd, const std::string& content, const std::string& path, std::string* error) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write", path, error);
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string temporary_beside(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

}  // namespace

std::string base_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }
std::string dir_name(const std::string& path) { return path.substr(0, path.rfind('/')); }

bool make_dirs(const std::string& path, std::string* error, mode_t mode) {
  if (path.empty()) return true;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return true;
    errno = ENOTDIR;
    return fail("cannot create directory", path, error);
  }
  size_t slash = path.rfind('/');
  if (slash != std::string::npos && slash > 0 && !make_dirs(path.substr(0, slash), error, mode)) return false;
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) return fail("cannot create directory", path, error);
  return true;
}

bool dir_is_empty(const std::string& path, bool* empty, std::string* error) {
  DIR* dir = ::opendir(path.c_str());
  *empty = true;
  if (!dir) return errno == ENOENT || fail("cannot read directory", path, error);
  while (dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      *empty = false;
      break;
    }
  }
  ::closedir(dir);
  return true;
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
bool rename_into_place(const std::string& tmp, const std::string& path, const char* what, std::string* error) {
  if (::rename(tmp.c_str(), path.c_str()) == 0) return true;
  int saved = errno;
  ::unlink(tmp.c_str());
  errno = saved;
  return fail(what, path, error);
}

}  // namespace

bool replace_file(const std::string& path, const std::string& content, mode_t mode, std::string* error) {
  std::string tmp = temporary_beside(path);
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode));
    if (!fd) return fail("cannot write", tmp, error);
    bool written = write_all(fd.get(), content, tmp, error);
    if (written && ::fchmod(fd.get(), mode) != 0) written = fail("cannot chmod", tmp, error);
    if (!written) {
      ::unlink(tmp.c_str());
      return false;
    }
  }
  return rename_into_place(tmp, path, "cannot replace", error);
}

bool append_file(const std::string& path, const std::string& content, std::string* error) {
  UniqueFd fd = open_regular_file(path, O_WRONLY | O_CREAT | O_APPEND, SymlinksOnTheWay::kRefused, error);
  return fd && write_all(fd.get(), content, path, error);
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

bool refuse(const std::string& path, mode_t mode, std::string* error) {
  *error = path + " is " + kind_of(mode) + ", not a regular file";
  return false;
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

UniqueFd open_regular_file(const std::string& path, int flags, SymlinksOnTheWay links, std::string* error,
                           mode_t mode) {
  // Looked at before opening: opening a device can act on it.
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    refuse(path, st.st_mode, error);
    return UniqueFd();
  }
  UniqueFd fd(open_without_waiting(path, flags, links, mode));
  if (!fd) {
    if (errno == ELOOP) *error = path + " leads through a symbolic link, which is not followed";
    else fail("cannot open", path, error);
    return fd;
  }
  // Looked at again: the path may have changed in between.
  bool regular = ::fstat(fd.get(), &st) == 0 ? S_ISREG(st.st_mode) || refuse(path, st.st_mode, error)
                                             : fail("cannot stat", path, error);
  if (!regular) return UniqueFd();
  int fl = ::fcntl(fd.get(), F_GETFL);
  if (fl >= 0) ::fcntl(fd.get(), F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

bool read_regular_file(const std::string& path, size_t max_bytes, SymlinksOnTheWay links,
                       std::optional<std::string>* content, std::string* error) {
  content->reset();
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT) return true;
  UniqueFd fd = open_regular_file(path, O_RDONLY, links, error);
  if (!fd) return false;
  if (::fstat(fd.get(), &st) != 0) return fail("cannot stat", path, error);
  auto too_large = [&] {
    bool mib = max_bytes % (1024 * 1024) == 0;
    *error =
        path + " is larger than " + std::to_string(max_bytes / (mib ? 1024 * 1024 : 1024)) + (mib ? " MiB" : " KiB");
    return false;
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) return too_large();
  std::string out;
  int err = read_to_end(fd.get(), max_bytes, &out);
  if (err == EFBIG) return too_large();  // it grew meanwhile
  errno = err;
  if (err) return fail("cannot read", path, error);
  *content = std::move(out);
  return true;
}

bool relink(const std::string& link, const std::string& target, std::string* error) {
  std::string tmp = temporary_beside(link);
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0) return fail("cannot create symlink", tmp, error);
  return rename_into_place(tmp, link, "cannot replace symlink", error);
}

bool hard_link(const std::string& existing, const std::string& path, std::string* error) {
  std::string tmp = temporary_beside(path);
  ::unlink(tmp.c_str());
  if (::link(existing.c_str(), tmp.c_str()) != 0) return fail("cannot link " + existing + " to", tmp, error);
  return rename_into_place(tmp, path, "cannot rename to", error);
}

bool read_link(const std::string& link, std::string* target, std::string* error) {
  char buf[PATH_MAX];
  ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
  if (n < 0) return fail("cannot read symlink", link, error);
  target->assign(buf, static_cast<size_t>(n));
  return true;
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
