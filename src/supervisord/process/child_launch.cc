// Tested by t/unit/child_launch_test.cc and, through the spawner, by the
// integration suites.
#include "supervisord/process/child_launch.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>

namespace sn {
namespace {

constexpr size_t kChildStackBytes = 64 * 1024;

// Only raw system calls from here on: the child shares the daemon's memory
// until it execs, so it must not allocate, take locks, or use glibc
// wrappers that touch process-wide state (setuid & co).
void write_stderr(const char* a, const char* b = "", const char* c = "", const char* d = "") {
  for (const char* s : {a, b, c, d}) {
    size_t len = std::strlen(s);
    while (len > 0) {
      ssize_t n = ::write(2, s, len);
      if (n <= 0) break;
      s += n;
      len -= static_cast<size_t>(n);
    }
  }
}

// The child runs on a stack of its own, which AddressSanitizer cannot
// follow: leave its exits uninstrumented (no effect without sanitizers).
#define SN_CHILD_SIDE __attribute__((no_sanitize("address")))

[[noreturn]] SN_CHILD_SIDE void give_up(const char* what, const char* subject, const char* problem) {
  write_stderr("supervisor: ", what, subject, ": ");
  write_stderr(problem, "\n");
  write_stderr("supervisor: child process was not spawned\n");
  ::_exit(127);
}

// Leaves the shared descriptor table, keeping only what is at or below
// `highest`; the rest is not even copied.
bool take_own_descriptor_table(int highest) {
  if (::syscall(SYS_close_range, highest + 1, ~0U, CLOSE_RANGE_UNSHARE) == 0) return true;
  // Kernels before 5.9: a full private copy, then close what is above.
  if (::syscall(SYS_unshare, CLONE_FILES) != 0) return false;
  for (int fd = highest + 1, limit = static_cast<int>(::sysconf(_SC_OPEN_MAX)); fd < limit; ++fd) ::close(fd);
  return true;
}

// Before the user switch: raising a limit, a lower nice or oom_score_adj
// need root's privileges.
SN_CHILD_SIDE void apply_limits(const PreparedLimits& limits) {
  for (size_t i = 0; i < limits.rlimits.size(); ++i) {
    if (::syscall(SYS_prlimit64, 0, limits.rlimits[i].first, &limits.rlimits[i].second, nullptr) != 0)
      give_up("couldn't set ", limits.keys[i].c_str(), ::strerrorname_np(errno));
  }
  if (limits.set_nice && ::syscall(SYS_setpriority, PRIO_PROCESS, 0, limits.nice) != 0)
    give_up("couldn't set ", "nice", ::strerrorname_np(errno));
  if (!limits.oom_score_adj.empty()) {
    int fd = static_cast<int>(::syscall(SYS_openat, AT_FDCWD, "/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC));
    if (fd < 0 || ::write(fd, limits.oom_score_adj.data(), limits.oom_score_adj.size()) !=
                      static_cast<ssize_t>(limits.oom_score_adj.size()))
      give_up("couldn't set ", "oom_score_adj", ::strerrorname_np(errno));
    ::close(fd);
  }
  if (!limits.cpu_mask.empty() &&
      ::syscall(SYS_sched_setaffinity, 0, limits.cpu_mask.size() * sizeof(unsigned long), limits.cpu_mask.data()) != 0)
    give_up("couldn't set ", "cpu_affinity", ::strerrorname_np(errno));
}

struct ChildStart {
  const ChildPlan* plan;
  int highest_kept;
};

SN_CHILD_SIDE int run_child(void* arg) {
  const ChildStart& start = *static_cast<const ChildStart*>(arg);
  const ChildPlan& plan = *start.plan;
  // Until this succeeds the descriptor table is the daemon's: touch nothing.
  if (!take_own_descriptor_table(start.highest_kept)) ::_exit(127);
  ::setpgid(0, 0);
  ::dup2(plan.stdin_fd, 0);
  ::dup2(plan.stdout_fd, 1);
  ::dup2(plan.stderr_fd, 2);
  if (plan.extra_fd >= 0) {
    int target = plan.extra_fd_target;
    ::dup2(plan.extra_fd, target);
    ::fcntl(target, F_SETFD, 0);  // dup2 onto itself keeps close-on-exec
    if (target > 3) ::syscall(SYS_close_range, 3, target - 1, 0);
    ::syscall(SYS_close_range, target + 1, ~0U, 0);
  } else {
    ::syscall(SYS_close_range, 3, ~0U, 0);
  }
  // The daemon ignores SIGPIPE and blocks the signals it reads from its
  // signalfd; a child starts with neither.
  struct KernelSigaction {  // the kernel's layout, not glibc's
    void* handler;
    unsigned long flags;
    void* restorer;
    uint64_t mask;
  } dfl{};  // SIG_DFL is 0
  ::syscall(SYS_rt_sigaction, SIGPIPE, &dfl, nullptr, sizeof dfl.mask);
  uint64_t none = 0;
  ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, sizeof none);
  if (plan.nofile) ::syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, plan.nofile, nullptr);
  if (plan.limits) apply_limits(*plan.limits);

  if (plan.user->needed) {
    const char* problem = plan.user->error.empty() ? nullptr : plan.user->error.c_str();
    if (!problem && ::syscall(SYS_setgroups, plan.user->groups.size(), plan.user->groups.data()) != 0)
      problem = "Could not set groups of effective user";
    if (!problem && ::syscall(SYS_setgid, plan.user->gid) != 0) problem = "Could not set group id of effective user";
    if (!problem && ::syscall(SYS_setuid, plan.user->uid) != 0) problem = "Could not set user id of effective user";
    if (problem) give_up("couldn't setuid to ", plan.uid_text, problem);
  }
  if (plan.directory && ::chdir(plan.directory) != 0)
    give_up("couldn't chdir to ", plan.directory, ::strerrorname_np(errno));
  if (plan.set_umask) ::umask(plan.umask);
  ::execve(plan.filename, plan.argv, plan.envp);
  give_up("couldn't exec ", plan.argv[0], ::strerrorname_np(errno));
}

UniqueFd low_descriptor(int fd) { return UniqueFd(::fcntl(fd, F_DUPFD_CLOEXEC, 3)); }

}  // namespace

LaunchPad::LaunchPad()
    : dev_null_(::open("/dev/null", O_RDWR | O_CLOEXEC)),
      stack_(std::make_unique_for_overwrite<char[]>(kChildStackBytes)) {
  // Taken before the daemon opens anything per program, so they sit low.
  for (UniqueFd& slot : slots_) slot = low_descriptor(dev_null_.get());
}

bool LaunchPad::stage(const ChildPlan& plan) {
  const int sources[4] = {plan.stdin_fd, plan.stdout_fd, plan.stderr_fd, plan.extra_fd};
  for (int i = 0; i < 4; ++i) {
    if (sources[i] < 0) continue;
    if (!slots_[i] || ::dup3(sources[i], slots_[i].get(), O_CLOEXEC) < 0) return false;
  }
  return true;
}

// The staged copies must go: a write end left open here would keep the
// daemon from ever seeing the child's EOF.
void LaunchPad::unstage() {
  for (UniqueFd& slot : slots_)
    if (slot) ::dup3(dev_null_.get(), slot.get(), O_CLOEXEC);
}

LaunchResult LaunchPad::launch(const ChildPlan& plan) {
  LaunchResult result;
  if (!dev_null_ || !stage(plan)) {
    result.error = errno;
    unstage();
    return result;
  }
  ChildPlan staged = plan;
  staged.stdin_fd = slots_[0].get();
  staged.stdout_fd = slots_[1].get();
  staged.stderr_fd = slots_[2].get();
  if (plan.extra_fd >= 0) staged.extra_fd = slots_[3].get();
  ChildStart start{&staged, highest_copied_fd()};
  int pidfd = -1;
  // The daemon is suspended (microseconds) until the child has exec'd;
  // it has no other thread that could run meanwhile.
  pid_t pid = ::clone(run_child, stack_.get() + kChildStackBytes,
                      CLONE_VM | CLONE_VFORK | CLONE_FILES | CLONE_PIDFD | SIGCHLD, &start, &pidfd);
  result.error = pid < 0 ? errno : 0;
  unstage();
  result.pid = pid;
  result.pidfd.reset(pid < 0 ? -1 : pidfd);
  return result;
}

}  // namespace sn
