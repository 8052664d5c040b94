#include "supervisord/pidfile.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {

std::optional<PidFile> PidFile::acquire(const std::string& path, std::string* error) {
  bool created = true;
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0644));
  if (!fd && errno == EEXIST) {
    created = false;
    fd = UniqueFd(::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY));
  }
  if (!fd) {
    *error = "could not open pidfile " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    if (e == EWOULDBLOCK) {
      char buf[32] = {};
      ssize_t n = ::pread(fd.get(), buf, sizeof buf - 1, 0);
      std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      *error = "another supervisord" + (holder.empty() ? std::string() : " (pid " + holder + ")") +
               " is already running with pidfile " + path + "; shut it down first";
    } else {
      *error = "could not lock pidfile " + path + ": " + std::strerror(e);
    }
    return std::nullopt;
  }
  return PidFile(path, std::move(fd), created);
}

int PidFile::write(pid_t pid) {
  std::string text = std::to_string(pid) + "\n";
  if (::ftruncate(fd_.get(), 0) != 0) return errno;
  if (::pwrite(fd_.get(), text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) return errno ? errno : EIO;
  written_ = true;
  return 0;
}

PidFile::~PidFile() {
  if (fd_ && created_ && !written_) ::unlink(path_.c_str());
}

void PidFile::remove() {
  if (written_) ::unlink(path_.c_str());
  written_ = false;
}

}  // namespace sn
