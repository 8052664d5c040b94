#include "supervisord/process/spawner.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "supervisord/process/child_environment.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/command_resolver.h"
#include "supervisord/process/environment_file_reader.h"
#include "supervisord/process/readiness_watch.h"
#include "supervisord/process/running_child.h"

namespace sn {
namespace {

std::string errno_name(int err) {
  const char* name = ::strerrorname_np(err);
  return name ? name : std::to_string(err);
}

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
  // F_SETFL ignores the access mode, so no F_GETFL round trip is needed.
  ::fcntl(parent_reads ? fds[0] : fds[1], F_SETFL, O_NONBLOCK);
  return 0;
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

SpawnResult Spawner::spawn(Process& process, ChildOutputSink& output) {
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
  bool fcgi = process.listen_socket() >= 0;  // its stdin is the group's socket
  if (!err && !fcgi) err = make_pipe(&in, false);
  if (!err) err = make_pipe(&out, true);
  if (!err && !config.redirect_stderr) err = make_pipe(&errp, true);
  if (err == EMFILE || err == ENFILE) return {nullptr, "too many open files to spawn '" + name + "'"};
  if (err) return {nullptr, "unknown error making dispatchers for '" + name + "': " + errno_name(err)};
  ReadinessSetup readiness;
  if (std::string problem = prepare_readiness(config.ready, &readiness); !problem.empty())
    return {nullptr, problem + " for '" + name + "'"};

  EnvironmentList from_files;
  if (std::string problem = read_environment_files(config.environment_files, name, logger_, &from_files);
      !problem.empty())
    return {nullptr, problem};
  PreparedLimits limits;
  if (!config.limits.empty()) {
    if (std::string problem = prepare_limits(config.limits, DaemonLimits::current(), &limits); !problem.empty())
      return {nullptr, problem + " for '" + name + "'"};
  }
  std::vector<std::string> env = build_child_environment(settings_.inherited_environment, config, process.group_name(),
                                                         settings_.default_server_url, from_files);
  if (!readiness.notify_address.empty()) env.push_back("NOTIFY_SOCKET=" + readiness.notify_address);
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
                 fcgi ? process.listen_socket() : in.read_end.get(),
                 out.write_end.get(),
                 config.redirect_stderr ? out.write_end.get() : errp.write_end.get(),
                 settings_.child_nofile ? &*settings_.child_nofile : nullptr,
                 readiness.child_end ? readiness.child_end.get() : -1,
                 readiness.child_fd,
                 limits.empty() ? nullptr : &limits};

  LaunchResult launched = launch_pad_.launch(plan);
  if (launched.pid < 0) {
    int e = launched.error;
    if (e == EAGAIN) return {nullptr, "Too many processes in process table to spawn '" + name + "'"};
    if (e == EMFILE || e == ENFILE) return {nullptr, "too many open files to spawn '" + name + "'"};
    return {nullptr, "unknown error during fork for '" + name + "': " + errno_name(e)};
  }
  pid_t pid = launched.pid;
  UniqueFd pidfd = std::move(launched.pidfd);
  readiness.child_end.reset();  // the child's now: its EOF must reach the daemon

  auto channel = [&](UniqueFd fd, std::unique_ptr<RotatingFile> log, const char* which) {
    OutputChannelOptions options;
    options.process_name = name;
    options.channel = which;
    options.strip_ansi = settings_.strip_ansi;
    options.main_log = &logger_;
    options.watchers = settings_.watchers;
    bool is_stdout = std::string_view(which) == "stdout";
    if (config.event_listener && is_stdout) {
      options.on_output = [&output, &process](std::string_view data) { output.listener_output(process, data); };
    }
    // With redirect_stderr both go to stdout's pipe and count as stdout, as in
    // supervisor; a listener's stdout is its protocol, never events or captures.
    const ChannelConfig& cc = is_stdout ? config.stdout_channel : config.stderr_channel;
    bool protocol = config.event_listener && is_stdout;
    if (cc.events_enabled && !protocol) {
      options.on_logged = [&output, &process, which](std::string_view data) {
        output.process_output(process, which, data);
      };
    }
    if (cc.syslog && !protocol) options.syslog = settings_.syslog;
    if (cc.timestamps.kind != TimestampStyle::Kind::kNone)
      options.stamper = std::make_unique<LineStamper>(cc.timestamps);
    if (cc.capture_maxbytes > 0 && !protocol) {
      options.capture_maxbytes = cc.capture_maxbytes;
      options.on_capture = [&output, &process, which](const std::string& data) {
        output.process_communication(process, which, data);
      };
    }
    return std::make_unique<OutputChannel>(loop_, std::move(fd), std::move(log), std::move(options));
  };
  std::unique_ptr<OutputChannel> out_channel = channel(std::move(out.read_end), std::move(out_log), "stdout");
  std::unique_ptr<OutputChannel> err_channel;
  if (!config.redirect_stderr) err_channel = channel(std::move(errp.read_end), std::move(err_log), "stderr");
  auto child = std::make_unique<RunningChild>(loop_, logger_, process, pid, std::move(pidfd), std::move(in.write_end),
                                              std::move(out_channel), std::move(err_channel));
  if (config.ready.kind != ReadyCheck::Kind::kStartsecs) {
    ReadinessWatch::Events events{[&process] { process.on_ready(); },
                                  [&process](const std::string& status) { process.set_status(status); }};
    child->watch_readiness(std::make_unique<ReadinessWatch>(loop_, launch_pad_, config.ready, config.ready_timeout,
                                                            std::move(readiness), config.uid.value_or(::getuid()),
                                                            std::move(events)));
  }
  if (config.health.enabled()) {
    child->watch_health(std::make_unique<HealthWatch>(
        loop_, launch_pad_, config.health,
        [&process](Health from, const HealthTracker& tracker) { process.on_health(from, tracker); }));
  }
  return {std::move(child), ""};
}

}  // namespace sn
