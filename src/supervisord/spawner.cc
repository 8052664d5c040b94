#include "supervisord/spawner.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include "supervisord/child_environment.h"
#include "supervisord/command_resolver.h"
#include "supervisord/running_child.h"

namespace sn {
namespace {

std::string errno_name(int err) {
  const char* name = ::strerrorname_np(err);
  return name ? name : std::to_string(err);
}

// Privileges the child takes before exec, worked out in the parent.
struct UserSwitch {
  bool needed = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
  std::string error;  // written by the child when set
};

UserSwitch prepare_user_switch(const ProcessConfig& config) {
  UserSwitch s;
  if (!config.uid || *config.uid == ::getuid()) return s;
  s.needed = true;
  s.uid = *config.uid;
  if (::getuid() != 0) {
    s.error = "Can't drop privilege as nonroot user";
    return s;
  }
  passwd* pw = ::getpwuid(s.uid);
  if (!pw) {
    s.error = "Can't find uid " + std::to_string(s.uid);
    return s;
  }
  s.gid = pw->pw_gid;
  int count = 64;
  s.groups.resize(static_cast<size_t>(count));
  if (::getgrouplist(pw->pw_name, s.gid, s.groups.data(), &count) < 0) {
    s.groups.resize(static_cast<size_t>(count));
    ::getgrouplist(pw->pw_name, s.gid, s.groups.data(), &count);
  }
  s.groups.resize(static_cast<size_t>(count));
  return s;
}

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
};

int make_pipe(Pipe* p, bool parent_reads) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return errno;
  p->read_end.reset(fds[0]);
  p->write_end.reset(fds[1]);
  int parent_fd = parent_reads ? fds[0] : fds[1];
  ::fcntl(parent_fd, F_SETFL, ::fcntl(parent_fd, F_GETFL) | O_NONBLOCK);
  return 0;
}

// Only raw system calls from here on: this runs in a vfork()ed child that
// shares the parent's memory until it execs, so it must not allocate, take
// locks, or use glibc wrappers that touch process-wide state (setuid & co).
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

struct ChildPlan {
  const char* filename;
  char* const* argv;
  char* const* envp;
  const char* directory;  // null: stay
  bool set_umask;
  mode_t umask;
  const UserSwitch* user;
  const char* uid_text;
  int stdin_fd, stdout_fd, stderr_fd;
};

[[noreturn]] void run_child(const ChildPlan& plan) {
  ::setpgid(0, 0);
  ::dup2(plan.stdin_fd, 0);
  ::dup2(plan.stdout_fd, 1);
  ::dup2(plan.stderr_fd, 2);
  ::close_range(3, ~0U, 0);
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

  if (plan.user->needed) {
    const char* problem = plan.user->error.empty() ? nullptr : plan.user->error.c_str();
    if (!problem && ::syscall(SYS_setgroups, plan.user->groups.size(), plan.user->groups.data()) != 0)
      problem = "Could not set groups of effective user";
    if (!problem && ::syscall(SYS_setgid, plan.user->gid) != 0) problem = "Could not set group id of effective user";
    if (!problem && ::syscall(SYS_setuid, plan.user->uid) != 0) problem = "Could not set user id of effective user";
    if (problem) {
      write_stderr("supervisor: couldn't setuid to ", plan.uid_text, ": ", problem);
      write_stderr("\n");
      write_stderr("supervisor: child process was not spawned\n");
      ::_exit(127);
    }
  }
  if (plan.directory && ::chdir(plan.directory) != 0) {
    write_stderr("supervisor: couldn't chdir to ", plan.directory, ": ", ::strerrorname_np(errno));
    write_stderr("\n");
    write_stderr("supervisor: child process was not spawned\n");
    ::_exit(127);
  }
  if (plan.set_umask) ::umask(plan.umask);
  ::execve(plan.filename, plan.argv, plan.envp);
  write_stderr("supervisor: couldn't exec ", plan.argv[0], ": ", ::strerrorname_np(errno));
  write_stderr("\n");
  write_stderr("supervisor: child process was not spawned\n");
  ::_exit(127);
}

// Kept apart, with nothing in its frame but the plan: vfork's child returns
// into this frame on the parent's stack.
[[gnu::noinline]] pid_t vfork_child(const ChildPlan& plan) {
  pid_t pid = ::vfork();
  if (pid == 0) run_child(plan);
  return pid;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::unique_ptr<RotatingFile> open_log(const std::string& path, UniqueFd prepared, const ChannelConfig& channel,
                                       int* err) {
  if (path.empty()) return nullptr;
  auto file = std::make_unique<RotatingFile>(path, channel.logfile_maxbytes, channel.logfile_backups);
  *err = prepared ? file->adopt(std::move(prepared)) : file->open();
  return file;
}

}  // namespace

std::string Spawner::inherited_path() const {
  for (const auto& [k, v] : settings_.inherited_environment)
    if (k == "PATH") return v;
  return "";
}

SpawnResult Spawner::spawn(Process& process) {
  const ProcessConfig& config = process.config();
  const std::string& name = config.name;
  ResolvedCommand command = resolve_command(config, inherited_path());
  if (!command.ok()) return {nullptr, command.error};

  int err = 0;
  std::unique_ptr<RotatingFile> out_log =
      open_log(process.stdout_log_path(), process.take_prepared_log(0), config.stdout_channel, &err);
  std::unique_ptr<RotatingFile> err_log;
  if (!err) err_log = open_log(process.stderr_log_path(), process.take_prepared_log(1), config.stderr_channel, &err);
  Pipe in, out, errp;
  if (!err) err = make_pipe(&in, false);
  if (!err) err = make_pipe(&out, true);
  if (!err && !config.redirect_stderr) err = make_pipe(&errp, true);
  if (err == EMFILE || err == ENFILE) return {nullptr, "too many open files to spawn '" + name + "'"};
  if (err) return {nullptr, "unknown error making dispatchers for '" + name + "': " + errno_name(err)};

  std::vector<std::string> env = build_child_environment(settings_.inherited_environment, config,
                                                         process.group_name(), settings_.default_server_url);
  std::vector<char*> envp = c_strings(env);
  std::vector<std::string> argv_strings = command.argv;
  std::vector<char*> argv = c_strings(argv_strings);
  UserSwitch user = prepare_user_switch(config);
  std::string uid_text = config.uid ? std::to_string(*config.uid) : "";
  ChildPlan plan{command.filename.c_str(),
                 argv.data(),
                 envp.data(),
                 config.directory ? config.directory->c_str() : nullptr,
                 config.umask.has_value(),
                 config.umask.value_or(0),
                 &user,
                 uid_text.c_str(),
                 in.read_end.get(),
                 out.write_end.get(),
                 config.redirect_stderr ? out.write_end.get() : errp.write_end.get()};

  // vfork: the daemon waits (microseconds) until the child has exec'd,
  // instead of copying its page tables; no other thread can run meanwhile
  // (the daemon has none).
  pid_t pid = vfork_child(plan);
  if (pid < 0) {
    int e = errno;
    if (e == EAGAIN) return {nullptr, "Too many processes in process table to spawn '" + name + "'"};
    return {nullptr, "unknown error during fork for '" + name + "': " + errno_name(e)};
  }

  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd) {
    int e = errno;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    if (e == EMFILE || e == ENFILE) return {nullptr, "too many open files to spawn '" + name + "'"};
    return {nullptr, "unknown error watching '" + name + "': " + errno_name(e)};
  }

  auto channel = [&](UniqueFd fd, std::unique_ptr<RotatingFile> log, const char* which) {
    return std::make_unique<OutputChannel>(loop_, std::move(fd), std::move(log),
                                           OutputChannelOptions{name, which, settings_.strip_ansi, &logger_, settings_.watchers});
  };
  std::unique_ptr<OutputChannel> out_channel = channel(std::move(out.read_end), std::move(out_log), "stdout");
  std::unique_ptr<OutputChannel> err_channel;
  if (!config.redirect_stderr) err_channel = channel(std::move(errp.read_end), std::move(err_log), "stderr");
  return {std::make_unique<RunningChild>(loop_, process, pid, std::move(pidfd), std::move(in.write_end),
                                         std::move(out_channel), std::move(err_channel)),
          ""};
}

}  // namespace sn
