#include "supervisord/daemonize.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sn {

void ensure_standard_fds() {
  for (int fd = 0; fd < 3; ++fd) {
    if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      int nul = ::open("/dev/null", O_RDWR);
      if (nul >= 0 && nul != fd) {
        ::dup2(nul, fd);
        ::close(nul);
      }
    }
  }
}

void daemonize(const std::optional<std::string>& directory, mode_t umask, std::string* chdir_error) {
  pid_t pid = ::fork();
  if (pid < 0) return;  // carry on in the foreground rather than not at all
  if (pid > 0) ::_exit(0);
  if (directory && ::chdir(directory->c_str()) != 0) {
    *chdir_error = "can't chdir into '" + *directory + "': " + std::strerror(errno);
  }
  int nul = ::open("/dev/null", O_RDWR);
  if (nul >= 0) {
    ::dup2(nul, 0);
    ::dup2(nul, 1);
    ::dup2(nul, 2);
    if (nul > 2) ::close(nul);
  }
  ::setsid();
  ::umask(umask);
}

}  // namespace sn
