// supervisord from start to exit: configuration, privileges and limits,
// the main log, the pidfile, daemonizing, signals, systemd notification,
// and the restart (SIGHUP) cycle around one Supervisor at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "lib/util/syslog_socket.h"
#include "lib/util/unique_fd.h"
#include "supervisord/command_line.h"
#include "supervisord/control_server.h"
#include "supervisord/output/file_watchers.h"
#include "supervisord/pidfile.h"
#include "supervisord/process/spawner.h"
#include "supervisord/supervisor.h"
#include "supervisord/systemd_notify.h"

namespace sn {

class Daemon {
 public:
  explicit Daemon(CommandLine command_line);
  // Runs until shutdown; returns the exit status. Throws UsageError for
  // problems found before anything was started.
  int run();

 private:
  SupervisordConfig load_config() const;
  void block_signals();
  void watch_signals();
  void prepare_first_run();
  void open_main_log(const std::vector<std::string>& criticals, const std::vector<std::string>& infos);
  // Raises the daemon's descriptor limit to what `config` needs and logs
  // how many processes fit when that is not enough.
  void fit_descriptors(const SupervisordConfig& config);
  // One life of a Supervisor; true when a restart follows.
  bool run_supervisor();
  void on_signal(int sig);
  // Reads the configuration and restarts; "" or why it cannot.
  std::string restart();
  void shutdown();
  DaemonActions actions();
  std::string status_line() const;

  CommandLine command_line_;
  std::string config_path_;
  std::unique_ptr<SupervisordConfig> config_;
  std::unique_ptr<SupervisordConfig> next_config_;  // validated at SIGHUP
  EnvironmentList inherited_environment_;
  rlimit program_nofile_{};  // the open-files limit programs get: after minfds, before our own needs
  EventLoop loop_;
  // Opened when the first record is sent; outlives the logger's sinks.
  SyslogSocket syslog_{SyslogSocket::default_path(), "supervisord"};
  Logger logger_;
  SystemdNotifier notifier_;
  std::optional<PidFile> pidfile_;
  FileWatchers watchers_;
  std::string web_token_;
  ListenerSet listeners_;  // open across restarts: a reload refuses no client
  std::unique_ptr<Spawner> spawner_;
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<ControlServer> control_;  // destroyed before supervisor_
  UniqueFd signal_fd_;
  EventLoop::Watch signal_watch_;
  bool first_run_ = true;
  int exit_status_ = 0;  // fatal_action=exit:N
};

}  // namespace sn
