// One supervised process and supervisor 4.2's state machine for it:
// STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN.
// It knows nothing about epoll or fork: the host spawns children and
// reports their exits, and timers come from a TimerQueue, so the whole
// machine runs on a fake clock in tests.
#pragma once

#include <sys/types.h>

#include <cerrno>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lib/config/config_model.h"
#include "lib/util/clock.h"
#include "lib/util/exit_status.h"
#include "lib/util/logger.h"
#include "lib/util/timer_queue.h"
#include "lib/util/unique_fd.h"
#include "supervisord/process/child_output_sink.h"
#include "supervisord/process/health_tracker.h"
#include "supervisord/process/process_state.h"

namespace sn {

class Process;

// Who asked for a start: the daemon itself (autostart, autorestart, a
// retry) or an operator (startProcess), who also starts what it depends on.
enum class StartCause { kAutomatic, kRequested };

// The operating-system side of a running child.
class ChildHandle {
 public:
  virtual ~ChildHandle() = default;
  virtual pid_t pid() const = 0;
  // 0, or the errno of the failure (ESRCH when it already exited).
  virtual int send_signal(int sig, SignalScope scope) = 0;
  virtual void reopen_logs() {}
  // The process went STARTING -> RUNNING (health checks begin).
  virtual void entered_running() {}
  // Deletes the log files and starts them again empty. 0 or errno.
  virtual int clear_logs() { return 0; }
  // Queues bytes for the child's stdin. 0, or EPIPE when it is closed.
  virtual int write_stdin(std::string_view) { return EPIPE; }
};

struct SpawnResult {
  std::unique_ptr<ChildHandle> child;
  std::string error;  // supervisor's spawnerr text when there is no child
};

// Creates OS processes; the real one forks, tests use fakes.
class ChildLauncher {
 public:
  virtual ~ChildLauncher() = default;
  // Its end comes back through Process::on_exit(); what it writes goes to
  // its logs and to `output`, which must outlive the child.
  virtual SpawnResult spawn(Process& process, ChildOutputSink& output) = 0;
};

// What a Process needs from the daemon around it.
class ProcessHost {
 public:
  virtual ~ProcessHost() = default;
  virtual const Clock& clock() const = 0;
  virtual TimerQueue& timers() = 0;
  virtual Logger& logger() = 0;
  // Creates the OS process; its end comes back through Process::on_exit().
  virtual SpawnResult spawn(Process& process) = 0;
  // Whether `process` may start now on its own (autostart, autorestart,
  // a retry). False while supervisord stops everything.
  virtual bool may_start(const Process& process) const = 0;
  // Whether a start of `process` must wait for what it depends on; the
  // host starts it once that is ready.
  virtual bool hold_start(Process&, StartCause) { return false; }
  // Stops `process` (an operator's stop, a shutdown). "" or the error text.
  virtual std::string stop_process(Process& process);
  // healthcheck=: the health of `process` changed (PROCESS_HEALTH events).
  virtual void health_changed(Process&, Health /*from*/) {}
  virtual void state_changed(Process& process, ProcessState from, bool expected) = 0;
  // subprocpidfile: children outlive supervisord and can be adopted.
  virtual bool children_outlive_daemon() const { return false; }
  // Whether an autostart applies: autostart=, or what an operator did
  // last (statefile=).
  virtual bool wants_autostart(const Process& process) const;
  // Uniformly distributed bits for backoff_jitter; tests seed their own.
  virtual uint32_t random_number();
};

class Process {
 public:
  // `config` must outlive the process (the group owns both).
  Process(const ProcessConfig& config, std::string group_name, ProcessHost& host);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  const ProcessConfig& config() const { return *config_; }
  // update_restarts=changed: the group's new configuration holds an equal
  // copy of this process's; `config` must outlive the process.
  void rebind_config(const ProcessConfig& config) { config_ = &config; }
  const std::string& name() const { return config_->name; }
  const std::string& group_name() const { return group_name_; }
  // "group:name", or "name" when the group has the process's name.
  std::string namespec() const;

  ProcessState state() const { return state_; }
  pid_t pid() const;
  ChildHandle* child() const { return child_.get(); }
  double start_time() const { return start_time_; }  // wall clock, 0 when never
  double stop_time() const { return stop_time_; }    // wall clock, 0 when never
  const std::string& spawn_error() const { return spawn_error_; }
  std::optional<int> exit_status() const { return exit_status_; }
  int backoff_count() const { return backoff_; }
  // The failed starts that count against startretries (startretries_window).
  int counted_failures() const;
  // In EXITED: whether autorestart starts it again.
  bool restarts_after_exit() const;
  // A stop or kill signal was sent and the child has not ended yet.
  bool killing() const { return killing_; }

  // Where the child logs go ("" for none); AUTO names are resolved by the group.
  const std::string& stdout_log_path() const { return stdout_log_path_; }
  const std::string& stderr_log_path() const { return stderr_log_path_; }
  void set_log_paths(std::string out, std::string err) {
    stdout_log_path_ = std::move(out);
    stderr_log_path_ = std::move(err);
  }
  // A log file already open (an AUTO file just created), for the first spawn
  // to use instead of opening it again. 0: stdout, 1: stderr.
  void set_prepared_log(int channel, UniqueFd fd) { prepared_logs_[channel] = std::move(fd); }
  UniqueFd take_prepared_log(int channel) { return std::move(prepared_logs_[channel]); }

  // STOPPED and never started, with autostart=true: start it.
  void start_if_autostart();
  // Starts now, or once what it depends on is ready (waiting() meanwhile).
  void start(StartCause cause);
  // Starts from STOPPED, EXITED, FATAL or BACKOFF (the caller checks).
  void spawn();
  // Held back by its start dependencies; the text names them ("db").
  bool waiting() const { return waiting_; }
  const std::string& waiting_for() const { return waiting_for_; }
  void set_waiting_for(std::string names) { waiting_for_ = std::move(names); }
  void cancel_wait() { waiting_ = false; }
  // To be stopped once its dependents have stopped.
  bool stop_pending() const { return stop_pending_; }
  void set_stop_pending(bool pending) { stop_pending_ = pending; }
  // [fcgi-program:x]: the group's listening socket, the child's fd 0 (-1: none).
  int listen_socket() const { return listen_socket_; }
  void set_listen_socket(int fd) { listen_socket_ = fd; }
  // ready=: the child said it is ready, or what it says of itself (STATUS=).
  void on_ready();
  void set_status(std::string status) { status_ = std::move(status); }
  const std::string& status() const { return status_; }
  // healthcheck=: what the last checks of the running child said; acts
  // on healthcheck_action when it becomes unhealthy.
  void on_health(Health from, const HealthTracker& tracker);
  Health health() const { return health_; }
  int health_failures() const { return health_failures_; }
  const std::string& health_error() const { return health_error_; }
  // An administrative stop: stopsignal, then SIGKILL after stopwaitsecs.
  // Returns "" or the error text.
  std::string stop();
  // Sends a signal without intending to stop. "" or the error text.
  std::string send_signal(int sig);
  // BACKOFF -> FATAL (supervisord shutting down).
  void give_up();
  // The child ended; every byte it wrote is already in its logs.
  void on_exit(const ExitStatus& status);
  // Takes over a child an earlier supervisord spawned at `laststart` (wall
  // clock) and left running: RUNNING at once, with no state event, as the
  // fork did.
  void adopt(std::unique_ptr<ChildHandle> child, double laststart);
  // The child is an adopted one (until the next spawn).
  bool resumed() const { return resumed_; }
  bool outlives_daemon() const { return host_.children_outlive_daemon(); }

 private:
  bool change_state(ProcessState to, bool expected = true);
  std::string kill(int sig);
  void on_deadline();
  void enter_running();
  void ready_timed_out();
  bool uses_startsecs() const { return config_->ready.kind == ReadyCheck::Kind::kStartsecs; }
  void enter_backoff();
  void after_exited();
  int64_t backoff_delay_ns();
  void count_failure();
  void retry_after_fatal();
  int64_t now_ns() const { return host_.clock().monotonic_ns(); }
  Logger& log() { return host_.logger(); }

  const ProcessConfig* config_;
  std::string group_name_;
  ProcessHost& host_;
  std::string stdout_log_path_;
  std::string stderr_log_path_;
  UniqueFd prepared_logs_[2];

  ProcessState state_ = ProcessState::kStopped;
  std::unique_ptr<ChildHandle> child_;
  pid_t last_pid_ = 0;
  bool ever_spawned_ = false;
  double start_time_ = 0;
  double stop_time_ = 0;
  int64_t start_mono_ = 0;
  std::string spawn_error_;
  std::optional<int> exit_status_;
  int backoff_ = 0;
  std::deque<int64_t> failures_;  // startretries_window: when recent starts failed
  bool killing_ = false;
  bool resumed_ = false;
  bool waiting_ = false;
  std::string waiting_for_;
  bool stop_pending_ = false;
  bool start_abandoned_ = false;  // not ready in time: its end is a failed start
  std::string status_;
  Health health_ = Health::kUnknown;
  int health_failures_ = 0;
  std::string health_error_;
  bool restart_when_stopped_ = false;  // healthcheck_action=restart
  int listen_socket_ = -1;
  // One deadline whose meaning depends on the state: STARTING -> RUNNING
  // (or, with ready=, the end of ready_timeout; then SIGKILL), BACKOFF ->
  // next attempt, STOPPING -> SIGKILL, FATAL -> fatal_retry_after's start.
  Timer deadline_;
};

}  // namespace sn
