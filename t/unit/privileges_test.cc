#include "supervisord/privileges.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sn {
namespace {

TEST(Privileges, SameUserIsANoOp) { EXPECT_EQ(drop_privileges(std::to_string(::getuid())), ""); }

TEST(Privileges, UnknownUsers) {
  EXPECT_EQ(drop_privileges("no-such-user-xyz"), "Can't find username 'no-such-user-xyz'");
  EXPECT_EQ(drop_privileges("987654"), "Can't find uid 987654");
}

// Runs `body` in a child process and returns its exit status.
template <class F>
int in_child(F body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

TEST(Privileges, RootBecomesTheUserAndThenCannotGoBack) {
  if (::getuid() != 0) GTEST_SKIP() << "needs root";
  int rc = in_child([] {
    if (drop_privileges("nobody") != "") return 1;
    if (::getuid() != 65534 || ::geteuid() != 65534) return 2;
    if (drop_privileges("root") != "Can't drop privilege as nonroot user") return 3;
    return 0;
  });
  EXPECT_EQ(rc, 0);
}

TEST(Privileges, RaisesLimitsWithinTheHardLimit) {
  rlimit before;
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &before), 0);
  int rc = in_child([&] {
    rlimit low{64, before.rlim_max};
    if (::setrlimit(RLIMIT_NOFILE, &low) != 0) return 1;
    std::vector<std::string> infos;
    if (raise_limits(128, 1, &infos) != "") return 2;
    rlimit now;
    ::getrlimit(RLIMIT_NOFILE, &now);
    if (now.rlim_cur != 128) return 3;
    if (infos.size() != 1 || infos[0] != "Increased RLIMIT_NOFILE limit to 128") return 4;
    return 0;
  });
  EXPECT_EQ(rc, 0);
}

TEST(Privileges, ImpossibleLimitIsAnError) {
  int rc = in_child([] {
    rlimit cap{64, 64};
    if (::setrlimit(RLIMIT_NOFILE, &cap) != 0) return 1;
    if (::getuid() == 0) {
      // root may raise hard limits: drop the capability by becoming nobody.
      if (::setuid(65534) != 0) return 2;
    }
    std::vector<std::string> infos;
    std::string err = raise_limits(100000, 1, &infos);
    return err.find("The minimum number of file descriptors required to run this process is 100000") == 0 ? 0 : 3;
  });
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace sn
