#include "supervisord/process/child_launch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

namespace sn {
namespace {

struct Pipe {
  UniqueFd read_end, write_end;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
};

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

struct Outcome {
  std::string out, err;
  int status = -1;
};

// Launches `argv` with pipes for its stdio and collects everything.
class ChildLaunchTest : public ::testing::Test {
 protected:
  Outcome run(std::vector<std::string> args, const char* directory = nullptr, const rlimit* nofile = nullptr) {
    Pipe in, out, err;
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    char* envp[] = {const_cast<char*>("LAUNCH_TEST=1"), nullptr};
    UserSwitch no_switch;
    ChildPlan plan{argv[0],
                   argv.data(),
                   envp,
                   directory,
                   true,
                   027,
                   &no_switch,
                   "",
                   in.read_end.get(),
                   out.write_end.get(),
                   err.write_end.get(),
                   nofile};
    LaunchResult r = pad.launch(plan);
    EXPECT_GT(r.pid, 0) << r.error;
    EXPECT_TRUE(r.pidfd.valid());
    in.read_end.reset();
    in.write_end.reset();
    out.write_end.reset();
    err.write_end.reset();
    Outcome o;
    o.out = read_all(out.read_end.get());
    o.err = read_all(err.read_end.get());
    siginfo_t info{};
    EXPECT_EQ(::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(r.pidfd.get()), &info, WEXITED), 0);
    EXPECT_EQ(info.si_pid, r.pid);
    o.status = info.si_status;
    return o;
  }

  LaunchPad pad;
};

TEST_F(ChildLaunchTest, ChildGetsItsStdioArgvEnvironmentAndUmask) {
  Outcome o = run({"/bin/sh", "-c", "echo \"$LAUNCH_TEST $0\"; umask; echo oops >&2; exit 4", "zero"});
  EXPECT_EQ(o.out, "1 zero\n0027\n");
  EXPECT_EQ(o.err, "oops\n");
  EXPECT_EQ(o.status, 4);
}

TEST_F(ChildLaunchTest, ChildHasOnlyItsThreeDescriptors) {
  // Many open descriptors in the parent, none of which may reach the child.
  std::vector<UniqueFd> clutter;
  for (int i = 0; i < 200; ++i) clutter.emplace_back(::open("/dev/null", O_RDONLY));  // not even CLOEXEC
  Outcome o = run({"/bin/sh", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '"});
  EXPECT_EQ(o.out, "0 1 2 3 ");  // 3 is ls's own directory handle
}

TEST_F(ChildLaunchTest, ParentDescriptorTableIsUntouched) {
  struct stat before0, after0;
  ASSERT_EQ(::fstat(0, &before0), 0);
  run({"/bin/true"});
  ASSERT_EQ(::fstat(0, &after0), 0);
  EXPECT_EQ(before0.st_ino, after0.st_ino);
  EXPECT_EQ(before0.st_dev, after0.st_dev);
}

TEST_F(ChildLaunchTest, StagingSlotsDoNotKeepTheChildsPipeOpen) {
  // run() reads stdout to EOF: it would hang if the parent kept a copy.
  Outcome o = run({"/bin/sh", "-c", "echo done"});
  EXPECT_EQ(o.out, "done\n");
  EXPECT_LT(pad.highest_copied_fd(), 64);
}

TEST_F(ChildLaunchTest, ExecFailureIsReportedOnStderrWithStatus127) {
  Outcome o = run({"/nonexistent/program"});
  EXPECT_EQ(o.status, 127);
  EXPECT_EQ(o.err,
            "supervisor: couldn't exec /nonexistent/program: ENOENT\nsupervisor: child process was not spawned\n");
}

TEST_F(ChildLaunchTest, BadDirectoryIsReportedOnStderrWithStatus127) {
  Outcome o = run({"/bin/true"}, "/nonexistent/dir");
  EXPECT_EQ(o.status, 127);
  EXPECT_EQ(o.err,
            "supervisor: couldn't chdir to /nonexistent/dir: ENOENT\nsupervisor: child process was not spawned\n");
}

TEST_F(ChildLaunchTest, ChildStartsInItsOwnProcessGroup) {
  // Fields 1 and 5 of /proc/PID/stat: pid and process group.
  Outcome o = run({"/bin/sh", "-c", "set -- $(cat /proc/$$/stat); echo $1 $5"});
  auto space = o.out.find(' ');
  ASSERT_NE(space, std::string::npos);
  EXPECT_EQ(o.out.substr(0, space) + "\n", o.out.substr(space + 1));
}

TEST_F(ChildLaunchTest, TheChildGetsTheOpenFilesLimitItIsGiven) {
  rlimit mine{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &mine), 0);
  rlimit lower{std::min<rlim_t>(mine.rlim_cur, 1000) - 1, mine.rlim_max};
  Outcome o = run({"/bin/sh", "-c", "ulimit -n"}, nullptr, &lower);
  EXPECT_EQ(o.out, std::to_string(lower.rlim_cur) + "\n");
  rlimit after{};
  ::getrlimit(RLIMIT_NOFILE, &after);
  EXPECT_EQ(after.rlim_cur, mine.rlim_cur);  // the daemon's own is untouched
  EXPECT_EQ(run({"/bin/sh", "-c", "ulimit -n"}).out, std::to_string(mine.rlim_cur) + "\n");
}

}  // namespace
}  // namespace sn
