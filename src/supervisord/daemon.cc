// Tested by t/integration/test_daemon.py (start, errors, signals, reload, daemonizing, systemd).
#include "supervisord/daemon.h"

#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>

#include "lib/config/config_error.h"
#include "lib/config/config_loader.h"
#include "lib/util/log_sinks.h"
#include "lib/util/signals.h"
#include "supervisord/daemonize.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/descriptor_budget.h"
#include "supervisord/output/auto_child_logs.h"
#include "supervisord/privileges.h"

extern char** environ;

namespace sn {
namespace {

constexpr int kHandledSignals[] = {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2};

EnvironmentList current_environment() {
  EnvironmentList env;
  for (char** e = ::environ; e && *e; ++e) {
    std::string_view kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string_view::npos) env.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return env;
}

}  // namespace

Daemon::Daemon(CommandLine command_line) : command_line_(std::move(command_line)), web_token_(WebUi::make_token()) {
  // The notifier has removed NOTIFY_SOCKET: children inherit what is left.
  inherited_environment_ = current_environment();
}

SupervisordConfig Daemon::load_config() const {
  SupervisordConfig config = load_supervisord_config(config_path_);
  apply_command_line(command_line_, &config);
  return config;
}

void Daemon::block_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kHandledSignals) sigaddset(&set, sig);
  ::sigprocmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

void Daemon::watch_signals() {
  if (signal_fd_) return;
  // Created after daemonizing: a signalfd registered with epoll only wakes
  // the process that registered it.
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kHandledSignals) sigaddset(&set, sig);
  signal_fd_.reset(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  signal_watch_ = loop_.watch(signal_fd_.get(), EPOLLIN, [this](uint32_t) {
    signalfd_siginfo info;
    while (::read(signal_fd_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info))
      on_signal(static_cast<int>(info.ssi_signo));
  });
}

int Daemon::run() {
  config_path_ = config_file_for(command_line_);
  try {
    config_ = std::make_unique<SupervisordConfig>(load_config());
  } catch (const ConfigError& e) {
    throw UsageError(e.what());
  }
  block_signals();
  prepare_first_run();
  while (run_supervisor()) {
    config_ = std::move(next_config_);
  }
  syslog_.report_pending();
  if (pidfile_) pidfile_->remove();
  if (exit_status_ != 0) logger_.info("supervisord exits with status " + std::to_string(exit_status_));
  return exit_status_;
}

void Daemon::prepare_first_run() {
  std::vector<std::string> criticals, infos;
  if (config_->user) {
    std::string err = drop_privileges(*config_->user);
    if (!err.empty()) throw UsageError(err);
    infos.push_back("Set uid to user " + *config_->user + " succeeded");
  } else if (::getuid() == 0) {
    criticals.push_back(
        "Supervisor is running as root.  Privileges were not dropped because no user is specified in the config "
        "file.  If you intend to run as root, you can set user=root in the config file to avoid this message.");
  }
  std::string err = raise_limits(config_->minfds, config_->minprocs, &infos);
  if (!err.empty()) throw UsageError(err);
  ::getrlimit(RLIMIT_NOFILE, &program_nofile_);

  std::string pid_error;
  pidfile_ = PidFile::acquire(config_->pidfile, &pid_error);
  if (!pidfile_) throw UsageError(pid_error);
  open_main_log(criticals, infos);
}

void Daemon::open_main_log(const std::vector<std::string>& criticals, const std::vector<std::string>& infos) {
  const SupervisordConfig& c = *config_;
  logger_.clear_sinks();
  logger_.set_level(c.loglevel);
  syslog_.set_reporter([this](const std::string& message) { logger_.warn(message); });
  if (c.nodaemon && !c.silent) logger_.add_sink(std::make_unique<FdLogSink>(STDOUT_FILENO));
  if (c.logfile == "syslog") {
    logger_.add_sink(std::make_unique<SyslogLogSink>(syslog_));
  } else {
    auto file = std::make_unique<FileLogSink>(c.logfile, c.logfile_maxbytes, c.logfile_backups);
    if (int e = file->open()) throw UsageError("could not open the logfile " + c.logfile + ": " + std::strerror(e));
    file->set_after_write([this, path = c.logfile] {
      if (!watchers_.empty()) watchers_.changed(path);
    });
    logger_.add_sink(std::move(file));
  }
  for (const std::string& m : criticals) logger_.critical(m);
  for (const std::string& m : c.parse_warnings) logger_.warn(m);
  for (const std::string& m : infos) logger_.info(m);
  for (const std::string& m : c.parse_infos) logger_.info(m);
}

bool Daemon::run_supervisor() {
  const SupervisordConfig& c = *config_;
  if (!first_run_) {
    if (pidfile_ && pidfile_->path() != c.pidfile) {
      std::string error;
      std::optional<PidFile> next = PidFile::acquire(c.pidfile, &error);
      if (next) {
        pidfile_->remove();
        pidfile_ = std::move(next);
      } else {
        logger_.error(error + "; keeping " + pidfile_->path());
      }
    }
    open_main_log({}, {});
  }
  if (!c.nocleanup) clear_auto_child_logs(c.childlogdir, c.identifier, logger_);
  fit_descriptors(c);
  rlimit now{};
  ::getrlimit(RLIMIT_NOFILE, &now);
  std::optional<rlimit> child_nofile;
  if (now.rlim_cur != program_nofile_.rlim_cur) child_nofile = program_nofile_;

  spawner_ = std::make_unique<Spawner>(
      loop_, logger_,
      SpawnSettings{inherited_environment_, c.default_server_url(), c.strip_ansi, &watchers_, &syslog_, child_nofile});
  supervisor_ = std::make_unique<Supervisor>(loop_, logger_, *config_, *spawner_);
  for (const std::string& error : supervisor_->create_groups()) {
    // As a bad config at the first start; after a reload the rest goes on.
    if (first_run_) throw UsageError(error);
    logger_.critical(error);
  }
  supervisor_->set_on_stopped([this] { loop_.stop(); });
  supervisor_->set_on_failure_action([this](int status) {
    exit_status_ = status;
    shutdown();
  });
  if (c.deployment) {
    std::string error = prepare_deployment_roots(*c.deployment);
    if (!error.empty() && first_run_) throw UsageError(error);
    if (!error.empty()) logger_.critical(error);
  }
  control_ = std::make_unique<ControlServer>(loop_, logger_, *supervisor_, watchers_, listeners_, web_token_, actions(),
                                             spawner_->inherited_path());
  std::string listen_error;
  if (!control_->listen(&listen_error)) {
    // At the first start this is a usage error; after a restart the daemon
    // goes on without that server rather than stopping every program.
    if (first_run_) throw UsageError(listen_error);
    logger_.critical("cannot open the HTTP server: " + listen_error);
  }

  if (first_run_ && !c.nodaemon) {
    logger_.info("daemonizing the supervisord process");
    std::string chdir_error;
    daemonize(c.directory, c.umask, &chdir_error);
    if (!chdir_error.empty()) logger_.critical(chdir_error);
    else if (c.directory) logger_.info("set current directory: '" + *c.directory + "'");
  }
  first_run_ = false;
  watch_signals();
  if (int e = pidfile_->write(::getpid())) {
    logger_.critical("could not write pidfile " + pidfile_->path() + ": " + std::strerror(e));
  } else {
    logger_.info("supervisord started with pid " + std::to_string(::getpid()));
  }

  supervisor_->events().publish({EventType::kSupervisorStateChangeRunning, ""});
  supervisor_->resume_children();
  supervisor_->start_autostart();
  notifier_.notify("READY=1\nSTATUS=" + status_line());
  loop_.run();

  bool restart = supervisor_->state() == SupervisorState::kRestarting && next_config_;
  control_.reset();
  supervisor_.reset();
  return restart;
}

void Daemon::fit_descriptors(const SupervisordConfig& config) {
  DescriptorFit fit = fit_descriptor_limit(descriptors_needed(config.groups, config.servers.size()));
  for (const std::string& m : fit.infos) logger_.info(m);
  for (const std::string& m : fit.warnings) logger_.warn(m);
}

std::string Daemon::status_line() const {
  size_t n = 0;
  for (ProcessGroup* g : supervisor_->groups()) n += g->processes().size();
  return "supervising " + std::to_string(n) + " processes";
}

void Daemon::on_signal(int sig) {
  if (!supervisor_) return;
  switch (sig) {
    case SIGTERM:
    case SIGINT:
    case SIGQUIT:
      logger_.warn("received " + signal_name(sig) + " indicating exit request");
      shutdown();
      break;
    case SIGHUP:
      if (supervisor_->state() == SupervisorState::kShutdown) {
        logger_.warn("ignored SIGHUP indicating restart request (shutdown in progress)");
        break;
      }
      logger_.warn("received SIGHUP indicating restart request");
      if (std::string error = restart(); !error.empty()) logger_.error("not restarting: " + error);
      break;
    case SIGUSR2:
      logger_.info("received SIGUSR2 indicating log reopen request");
      logger_.info("supervisord logreopen");
      logger_.reopen();
      supervisor_->reopen_logs();
      break;
    default: logger_.blather("received " + signal_name(sig) + " indicating nothing");
  }
}

void Daemon::shutdown() {
  notifier_.notify("STOPPING=1\nSTATUS=stopping all processes");
  supervisor_->shutdown();
}

std::string Daemon::restart() {
  // Read the new configuration before stopping anything: a broken file
  // must not leave the host with nothing running.
  try {
    next_config_ = std::make_unique<SupervisordConfig>(load_config());
  } catch (const ConfigError& e) {
    return std::string("the configuration could not be loaded: ") + e.what();
  } catch (const UsageError& e) {
    return e.what();
  }
  notifier_.notify("RELOADING=1\nSTATUS=restarting");
  supervisor_->restart();
  return "";
}

DaemonActions Daemon::actions() {
  DaemonActions a;
  a.reread_config = [this] {
    try {
      SupervisordConfig next = load_config();
      fit_descriptors(next);  // before `update` adds what it reads
      return next;
    } catch (const UsageError& e) {
      throw ConfigError(e.what());
    }
  };
  a.shutdown = [this] { shutdown(); };
  a.restart = [this] { return restart(); };
  a.reopen_main_log = [this] { logger_.reopen(); };
  return a;
}

}  // namespace sn
