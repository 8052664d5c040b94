#include "supervisord/process/spawner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <set>
#include <sstream>

#include "real_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

using test::RealProcessHost;
using test::TempDir;

class SpawnerTest : public ::testing::Test {
 protected:
  ProcessConfig program(const std::string& command) {
    ProcessConfig c;
    c.name = "p";
    c.command = command;
    c.startsecs = 0;
    c.autorestart = AutoRestart::kNever;
    return c;
  }
  // Runs `c` to its end and returns the stdout log.
  std::string run(const ProcessConfig& c, Process** out = nullptr) {
    process_ = std::make_unique<Process>(c, "grp", host);
    process_->set_log_paths(dir.file("out.log"), c.redirect_stderr ? "" : dir.file("err.log"));
    process_->spawn();
    EXPECT_TRUE(host.run_until(
        [&] { return is_stopped_state(process_->state()) || process_->state() == ProcessState::kBackoff; }));
    if (out) *out = process_.get();
    return test::read_file(dir.file("out.log"));
  }
  std::string err_log() { return test::read_file(dir.file("err.log")); }

  TempDir dir;
  RealProcessHost host{{{"PATH", "/usr/bin:/bin"}, {"INHERITED", "yes"}}, "unix:///tmp/x.sock"};
  std::unique_ptr<Process> process_;
};

TEST_F(SpawnerTest, CapturesStdoutAndStderrSeparately) {
  Process* p;
  EXPECT_EQ(run(program("/bin/sh -c 'echo out; echo err >&2; exit 3'"), &p), "out\n");
  EXPECT_EQ(err_log(), "err\n");
  EXPECT_EQ(p->exit_status(), 3);
  EXPECT_EQ(p->state(), ProcessState::kExited);
}

TEST_F(SpawnerTest, EveryByteWrittenBeforeExitIsLogged) {
  // More than a pipe holds, written as fast as possible, then exit at once.
  EXPECT_EQ(run(program("/bin/sh -c 'head -c 1000000 /dev/zero | tr \"\\\\0\" x; printf END'")).size(), 1000003u);
}

TEST_F(SpawnerTest, OutputReachesTheSinkOnlyWhereTheChannelAsks) {
  ProcessConfig c = program("/bin/sh -c 'echo out; echo err >&2'");
  c.stderr_channel.events_enabled = true;
  run(c);
  EXPECT_EQ(host.output.calls, std::vector<std::string>{"log p stderr err\n"});
}

TEST_F(SpawnerTest, AFinishedCaptureReachesTheSink) {
  ProcessConfig c =
      program("/bin/sh -c 'printf \"a<!--XSUPERVISOR:BEGIN-->hi<!--XSUPERVISOR:END-->after the capture, logged\"'");
  c.stdout_channel.capture_maxbytes = 100;
  EXPECT_EQ(run(c), "aafter the capture, logged");
  EXPECT_EQ(host.output.calls, std::vector<std::string>{"comm p stdout hi"});
}

TEST_F(SpawnerTest, AListenersStdoutIsItsProtocolNeverEvents) {
  ProcessConfig c = program("/bin/sh -c 'echo READY'");
  c.event_listener = true;
  c.stdout_channel.events_enabled = true;
  c.stdout_channel.capture_maxbytes = 100;
  run(c);
  EXPECT_EQ(host.output.calls, std::vector<std::string>{"listener p READY\n"});
}

TEST_F(SpawnerTest, RedirectStderrGoesToStdoutLog) {
  ProcessConfig c = program("/bin/sh -c 'echo a; echo b >&2'");
  c.redirect_stderr = true;
  EXPECT_EQ(run(c), "a\nb\n");
}

TEST_F(SpawnerTest, EnvironmentCarriesSupervisorVariables) {
  ProcessConfig c = program("/usr/bin/env");
  c.environment = {{"MINE", "1"}};
  std::string env = run(c);
  EXPECT_NE(env.find("SUPERVISOR_ENABLED=1\n"), std::string::npos);
  EXPECT_NE(env.find("SUPERVISOR_PROCESS_NAME=p\n"), std::string::npos);
  EXPECT_NE(env.find("SUPERVISOR_GROUP_NAME=grp\n"), std::string::npos);
  EXPECT_NE(env.find("SUPERVISOR_SERVER_URL=unix:///tmp/x.sock\n"), std::string::npos);
  EXPECT_NE(env.find("INHERITED=yes\n"), std::string::npos);
  EXPECT_NE(env.find("MINE=1\n"), std::string::npos);
}

TEST_F(SpawnerTest, DirectoryAndUmask) {
  ProcessConfig c = program("/bin/sh -c 'pwd; umask'");
  c.directory = "/tmp";
  c.umask = 027;
  EXPECT_EQ(run(c), "/tmp\n0027\n");
}

TEST_F(SpawnerTest, BadDirectoryIsReportedInTheStderrLog) {
  ProcessConfig c = program("/bin/true");
  c.directory = "/nonexistent";
  Process* p;
  run(c, &p);
  EXPECT_EQ(err_log(),
            "supervisor: couldn't chdir to /nonexistent: ENOENT\nsupervisor: child process was not spawned\n");
  EXPECT_EQ(p->exit_status(), 127);
}

TEST_F(SpawnerTest, ChildHasItsOwnProcessGroupAndOnlyStandardFds) {
  // Simple commands only: while a pipeline is being set up the shell itself
  // holds the pipe's descriptors, and `ls` would list them.
  std::string out = run(program("/bin/sh -c 'ps -o pid=,pgid= -p $$; ls /proc/$$/fd'"));
  std::istringstream in(out);
  int pid = 0, pgid = 0;
  in >> pid >> pgid;
  EXPECT_GT(pid, 0);
  EXPECT_EQ(pid, pgid);
  std::set<int> fds;
  for (int fd; in >> fd;) fds.insert(fd);
  EXPECT_EQ(fds, (std::set<int>{0, 1, 2})) << out;
}

TEST_F(SpawnerTest, SignalsAreUnblockedAndDefaultInTheChild) {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &set, &old);
  auto previous = ::signal(SIGPIPE, SIG_IGN);
  // exec: grep reads its own status (the mask survives exec); a shell that
  // forks grep would be read mid-fork, with its signals briefly blocked.
  std::string out = run(program("/bin/sh -c 'exec grep -E \"^Sig(Blk|Ign)\" /proc/$$/status'"));
  ::signal(SIGPIPE, previous);
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
  EXPECT_NE(out.find("SigBlk:\t0000000000000000"), std::string::npos) << out;
  EXPECT_EQ(out.find("SigIgn:\t0000000000001000"), std::string::npos) << "SIGPIPE must not stay ignored: " << out;
}

TEST_F(SpawnerTest, SwitchesUserWhenRoot) {
  if (::getuid() != 0) GTEST_SKIP() << "needs root";
  ProcessConfig c = program("/usr/bin/id -u");
  c.uid = 65534;  // nobody
  EXPECT_EQ(run(c), "65534\n");
}

TEST_F(SpawnerTest, MissingCommandIsASpawnError) {
  ProcessConfig c = program("/nonexistent/program");
  c.startretries = 0;
  Process* p;
  run(c, &p);
  EXPECT_EQ(p->state(), ProcessState::kFatal);
  EXPECT_EQ(p->spawn_error(), "can't find command '/nonexistent/program'");
}

TEST_F(SpawnerTest, UnopenableLogIsASpawnError) {
  ProcessConfig c = program("/bin/true");
  c.startretries = 0;
  Process p(c, "grp", host);
  p.set_log_paths("/nonexistent/out.log", "");
  p.spawn();
  EXPECT_EQ(p.state(), ProcessState::kFatal);
  EXPECT_EQ(p.spawn_error(), "unknown error making dispatchers for 'p': ENOENT");
}

}  // namespace
}  // namespace sn
