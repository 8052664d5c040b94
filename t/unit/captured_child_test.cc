#include "lib/util/captured_child.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>

#include "test_util.h"

namespace sn {
namespace {

// Runs `script` under /bin/sh in a child whose stdout and stderr go to the
// captured pipe; `own_group` puts it in a process group of its own.
CapturedChild start(const std::string& script, size_t cap, bool own_group = false) {
  int fds[2];
  EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (own_group) ::setpgid(0, 0);
    ::dup2(write_end.get(), 1);
    ::dup2(write_end.get(), 2);
    ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (own_group) ::setpgid(pid, pid);  // no race with the kill below
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  return CapturedChild(pid, std::move(pidfd), std::move(read_end), cap, own_group);
}

bool readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) == 1;
}

// Reads output until the child has exited, as an event loop would (10 s at most).
int run_to_end(CapturedChild& child) {
  EXPECT_GE(child.exit_fd(), 0);
  for (int i = 0; i < 1000 && !readable(child.exit_fd(), 10); ++i) child.read_output();
  std::optional<int> status = child.reap();
  EXPECT_TRUE(status.has_value());
  return status.value_or(-1);
}

bool gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

bool zombie(pid_t pid) {
  std::string stat = test::read_file("/proc/" + std::to_string(pid) + "/stat");
  return stat.find(") Z ") != std::string::npos;
}

TEST(CapturedChild, ReapsWithStatusAndOutput) {
  CapturedChild child = start("echo out; echo err >&2; exit 3", 1024);
  ASSERT_TRUE(child.started());
  pid_t pid = child.pid();
  int status = run_to_end(child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  EXPECT_EQ(child.output(), "out\nerr\n");
  EXPECT_FALSE(child.started());
  EXPECT_TRUE(gone(pid));  // reaped, not a zombie
}

TEST(CapturedChild, KeepsOnlyUpToTheCapButDrainsThePipe) {
  // 1 MiB, more than a pipe holds: the child only ends if we keep reading.
  CapturedChild child = start("head -c 1048576 /dev/zero | tr '\\0' x", 100);
  int status = run_to_end(child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(child.output(), std::string(100, 'x'));
}

TEST(CapturedChild, KillReachesTheGroupOfALeader) {
  CapturedChild child = start("sleep 60 & echo $!; wait", 64, true);
  while (child.output().find('\n') == std::string::npos) {
    ASSERT_TRUE(readable(child.output_fd(), 5000));
    child.read_output();
  }
  pid_t grandchild = std::stoi(child.output());
  child.kill();
  int status = run_to_end(child);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  bool dead = false;  // the orphan is init's to reap: gone, or a zombie
  for (int i = 0; i < 300 && !dead; ++i, ::usleep(10000)) dead = gone(grandchild) || zombie(grandchild);
  EXPECT_TRUE(dead);
}

TEST(CapturedChild, ReadingNeverBlocksAndTheEndOfOutputIsSeenBeforeTheExit) {
  CapturedChild child = start("echo hi; sleep 1.5; exec >&- 2>&-; sleep 0.3", 64);
  ASSERT_TRUE(readable(child.output_fd(), 5000));
  int fd = child.output_fd();
  EXPECT_TRUE(child.read_output());  // "hi", then at once: more may come (a blocking read would wait for the end)
  EXPECT_EQ(child.output(), "hi\n");
  while (child.read_output()) ASSERT_TRUE(readable(fd, 5000));
  EXPECT_EQ(child.output_fd(), -1);            // poll() skips it from now on...
  EXPECT_NE(::fcntl(fd, F_GETFD), -1);         // ...but it stays open for a watch on it
  EXPECT_FALSE(readable(child.exit_fd(), 0));  // still running
  EXPECT_TRUE(WIFEXITED(run_to_end(child)));
}

TEST(CapturedChild, NothingToReapIsSaidSo) {
  CapturedChild none;
  EXPECT_FALSE(none.started());
  EXPECT_FALSE(none.reap().has_value());
  CapturedChild child = start("exit 0", 64);
  pid_t pid = child.pid();
  int status;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);  // reaped behind its back
  EXPECT_FALSE(child.reap().has_value());
}

TEST(CapturedChild, DestroyingAnUnreapedChildKillsAndReapsIt) {
  pid_t pid;
  {
    CapturedChild child = start("exec sleep 60", 64);
    pid = child.pid();
    ASSERT_FALSE(gone(pid));
  }
  EXPECT_TRUE(gone(pid));
}

TEST(CapturedChild, MovingHandsTheChildOver) {
  CapturedChild first = start("exec sleep 60", 64);
  pid_t pid = first.pid();
  CapturedChild second = std::move(first);
  EXPECT_FALSE(first.started());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(second.pid(), pid);
  second = start("exit 0", 64);  // assigning over a running child ends it
  EXPECT_TRUE(gone(pid));
  EXPECT_TRUE(WIFEXITED(run_to_end(second)));
}

}  // namespace
}  // namespace sn
