#include "supervisord/daemonize.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sn {
namespace {

TEST(Daemonize, EnsureStandardFdsReopensClosedOnes) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(0);
    ::close(2);
    ensure_standard_fds();
    bool ok = ::fcntl(0, F_GETFD) != -1 && ::fcntl(1, F_GETFD) != -1 && ::fcntl(2, F_GETFD) != -1;
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Daemonize, DetachesIntoANewSessionWithTheUmask) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    int keep = ::dup(fds[1]);  // daemonize redirects 0-2, not this one
    std::string error;
    daemonize(std::string("/"), 027, &error);
    char cwd[16] = {};
    bool ok = error.empty() && ::getsid(0) == ::getpid() && ::getcwd(cwd, sizeof cwd) && std::string(cwd) == "/" &&
              ::umask(0) == 027;
    char c = ok ? 'y' : 'n';
    ::write(keep, &c, 1);
    ::_exit(0);
  }
  ::close(fds[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);  // the parent half exits at once
  EXPECT_EQ(WEXITSTATUS(status), 0);
  char c = 0;
  ASSERT_EQ(::read(fds[0], &c, 1), 1);
  EXPECT_EQ(c, 'y');
  ::close(fds[0]);
}

}  // namespace
}  // namespace sn
