// Starts one child process and execs its program, at a cost that does not
// grow with the number of descriptors the daemon holds.
//
// A plain fork or vfork copies the daemon's whole descriptor table into
// the child, which exec then closes again: with 1000 programs (pipes,
// pidfds, log files) that is thousands of descriptors per spawn and makes
// starting N programs cost O(N^2). Instead the child is cloned sharing the
// daemon's memory and descriptor table (CLONE_VM|CLONE_VFORK|CLONE_FILES);
// the daemon first copies the child's three stdio ends into fixed slots low
// in the table, and the child's first act is close_range(CLOSE_RANGE_UNSHARE)
// above those slots, so the kernel copies only the few descriptors below.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "lib/util/unique_fd.h"
#include "supervisord/process/prepared_limits.h"

namespace sn {

// Privileges the child takes before exec, worked out in the parent.
struct UserSwitch {
  bool needed = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
  std::string error;  // when set, the child reports it and exits 127
};

// Everything the child needs, prepared by the parent: the child itself
// must not allocate or take locks, since it runs on the daemon's memory.
struct ChildPlan {
  const char* filename;
  char* const* argv;
  char* const* envp;
  const char* directory;  // null: stay in the daemon's
  bool set_umask;
  mode_t umask;
  const UserSwitch* user;
  const char* uid_text;
  int stdin_fd, stdout_fd, stderr_fd;      // become the child's 0, 1, 2
  const rlimit* nofile = nullptr;          // the child's RLIMIT_NOFILE; null: the daemon's
  int extra_fd = -1;                       // becomes the child's extra_fd_target (ready=fd:N)
  int extra_fd_target = -1;                // 3 or more
  const PreparedLimits* limits = nullptr;  // rlimit_*, nice, oom_score_adj, cpu_affinity; null: none
};

struct LaunchResult {
  pid_t pid = -1;
  UniqueFd pidfd;
  int error = 0;  // errno when pid < 0
};

class LaunchPad {
 public:
  LaunchPad();
  LaunchPad(const LaunchPad&) = delete;
  LaunchPad& operator=(const LaunchPad&) = delete;

  // Returns once the child has exec'd or given up (exit 127, with the
  // reason on its stderr).
  LaunchResult launch(const ChildPlan& plan);

  // Highest descriptor a child copies from the daemon's table.
  int highest_copied_fd() const { return slots_[3].get(); }

 private:
  bool stage(const ChildPlan& plan);
  void unstage();

  UniqueFd dev_null_;
  std::array<UniqueFd, 4> slots_;  // stdin, stdout, stderr and the extra descriptor, staged
  std::unique_ptr<char[]> stack_;
};

}  // namespace sn
