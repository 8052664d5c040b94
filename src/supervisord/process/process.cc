#include "supervisord/process/process.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <random>
#include <utility>

#include "lib/util/signals.h"

namespace sn {
namespace {

bool contains(const std::vector<int>& codes, int code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Illegal state changes abort where the test suites run. Read when one
// happens, never on the way of a legal change.
bool strict_transitions() {
  const char* v = std::getenv("SN_STRICT_TRANSITIONS");
  return v && *v && std::string_view(v) != "0";
}

}  // namespace

std::string ProcessHost::stop_process(Process& process) { return process.stop(); }

bool ProcessHost::wants_autostart(const Process& process) const { return process.config().autostart; }

uint32_t ProcessHost::random_number() {
  static std::minstd_rand rng{std::random_device{}()};
  return static_cast<uint32_t>(rng());
}

Process::Process(const ProcessConfig& config, std::string group_name, ProcessHost& host)
    : config_(&config),
      group_name_(std::move(group_name)),
      host_(host),
      deadline_(host.timers(), [this] { on_deadline(); }) {}

std::string Process::namespec() const {
  return group_name_ == config_->name ? config_->name : group_name_ + ":" + config_->name;
}

pid_t Process::pid() const { return child_ ? child_->pid() : 0; }

bool Process::change_state(ProcessState to, bool expected) {
  if (to == state_) return false;
  ProcessState from = state_;
  if (!is_allowed_transition(from, to)) {
    // A bug in the daemon, never the user's doing: said at the top level,
    // and fatal where the test suites run (SN_STRICT_TRANSITIONS=1).
    log().critical("illegal state change of " + name() + ": " + std::string(process_state_name(from)) + " -> " +
                   std::string(process_state_name(to)));
    if (strict_transitions()) std::abort();
  }
  state_ = to;
  if (to == ProcessState::kBackoff) ++backoff_;
  host_.state_changed(*this, from, expected);
  return true;
}

void Process::start_if_autostart() {
  if (state_ == ProcessState::kStopped && !ever_spawned_ && host_.wants_autostart(*this) && host_.may_start(*this))
    start(StartCause::kAutomatic);
}

void Process::start(StartCause cause) {
  if (host_.hold_start(*this, cause)) {
    waiting_ = true;
    return;
  }
  spawn();
}

void Process::spawn() {
  if (child_) {
    log().warn("process '" + name() + "' already running");
    return;
  }
  killing_ = false;
  resumed_ = false;
  waiting_ = false;
  stop_pending_ = false;
  start_abandoned_ = false;
  status_.clear();
  health_ = Health::kUnknown;
  health_failures_ = 0;
  health_error_.clear();
  restart_when_stopped_ = false;
  spawn_error_.clear();
  exit_status_.reset();
  ever_spawned_ = true;
  start_time_ = host_.clock().wall_seconds();
  start_mono_ = now_ns();
  deadline_.cancel();
  change_state(ProcessState::kStarting);

  SpawnResult result = host_.spawn(*this);
  if (!result.child) {
    spawn_error_ = result.error;
    log().info("spawnerr: " + spawn_error_);
    change_state(ProcessState::kBackoff);
    enter_backoff();
    return;
  }
  child_ = std::move(result.child);
  last_pid_ = child_->pid();
  log().info("spawned: '" + name() + "' with pid " + std::to_string(last_pid_));
  if (!uses_startsecs()) return deadline_.arm_at(start_mono_ + seconds_to_ns(config_->ready_timeout));
  // startsecs=0: supervisor counts the process as RUNNING as soon as it is
  // spawned, so startProcess answers at once instead of on the next round.
  if (config_->startsecs <= 0) return enter_running();
  deadline_.arm_at(start_mono_ + seconds_to_ns(config_->startsecs));
}

void Process::enter_running() {
  backoff_ = 0;
  failures_.clear();
  change_state(ProcessState::kRunning);
  if (uses_startsecs()) {
    log().info("success: " + name() + " entered RUNNING state, process has stayed up for > than " +
               std::to_string(config_->startsecs) + " seconds (startsecs)");
  } else {
    log().info("success: " + name() + " entered RUNNING state, process is ready (ready=" +
               (config_->ready.kind == ReadyCheck::Kind::kProbe    ? config_->ready.probe.text
                : config_->ready.kind == ReadyCheck::Kind::kNotify ? std::string("notify")
                                                                   : "fd:" + std::to_string(config_->ready.fd)) +
               ")");
  }
  if (child_) child_->entered_running();
}

void Process::on_ready() {
  if (state_ != ProcessState::kStarting || !child_ || start_abandoned_) return;
  deadline_.cancel();
  enter_running();
}

// As a start that failed: the child is stopped, then BACKOFF.
void Process::ready_timed_out() {
  if (start_abandoned_) {
    log().warn("killing '" + name() + "' (" + std::to_string(pid()) + ") with SIGKILL");
    child_->send_signal(SIGKILL, config_->kill_scope());
    return;
  }
  start_abandoned_ = true;
  log().warn(name() + " was not ready within " + std::to_string(config_->ready_timeout) +
             " seconds (ready_timeout): stopping it");
  deadline_.arm_at(now_ns() + seconds_to_ns(config_->stopwaitsecs));
  child_->send_signal(config_->stopsignal, config_->stop_scope());
}

void Process::on_deadline() {
  switch (state_) {
    case ProcessState::kStarting:
      if (uses_startsecs()) enter_running();
      else if (child_) ready_timed_out();
      break;
    case ProcessState::kBackoff:
      if (host_.may_start(*this) && counted_failures() <= config_->startretries) start(StartCause::kAutomatic);
      break;
    case ProcessState::kFatal: retry_after_fatal(); break;
    case ProcessState::kStopping:
      log().warn("killing '" + name() + "' (" + std::to_string(pid()) + ") with SIGKILL");
      kill(SIGKILL);
      break;
    default: break;
  }
}

// The n-th consecutive failure waits n seconds (linear, supervisor's) or
// 2^(n-1) (exponential), then the cap, then the jitter.
int64_t Process::backoff_delay_ns() {
  const BackoffPolicy& b = config_->backoff;
  int64_t secs = b.curve == BackoffCurve::kExponential ? int64_t{1} << std::clamp(backoff_ - 1, 0, 30) : backoff_;
  if (b.max_delay_secs > 0) secs = std::min<int64_t>(secs, b.max_delay_secs);
  int64_t ns = seconds_to_ns(secs);
  if (b.jitter_percent > 0) {
    int64_t spread = ns * b.jitter_percent / 100;
    uint64_t span = static_cast<uint64_t>(2 * spread + 1);
    uint64_t bits = (uint64_t{host_.random_number()} << 32) | host_.random_number();
    ns += static_cast<int64_t>(bits % span) - spread;
  }
  return ns;
}

int Process::counted_failures() const {
  return config_->backoff.window_secs > 0 ? static_cast<int>(failures_.size()) : backoff_;
}

void Process::count_failure() {
  if (config_->backoff.window_secs <= 0) return;
  int64_t now = now_ns();
  failures_.push_back(now);
  int64_t oldest = now - seconds_to_ns(config_->backoff.window_secs);
  while (!failures_.empty() && failures_.front() <= oldest) failures_.pop_front();
}

void Process::enter_backoff() {
  count_failure();
  if (counted_failures() > config_->startretries) {
    give_up();
    log().info("gave up: " + name() + " entered FATAL state, too many start retries too quickly");
    return;
  }
  deadline_.arm_at(now_ns() + backoff_delay_ns());
}

void Process::give_up() {
  deadline_.cancel();
  backoff_ = 0;
  failures_.clear();
  change_state(ProcessState::kFatal);
  if (config_->fatal_retry_after > 0 && state_ == ProcessState::kFatal)
    deadline_.arm_at(now_ns() + seconds_to_ns(config_->fatal_retry_after));
}

void Process::retry_after_fatal() {
  if (!host_.may_start(*this)) return;
  log().info("retrying: " + name() + " was FATAL for " + std::to_string(config_->fatal_retry_after) +
             " seconds (fatal_retry_after)");
  start(StartCause::kAutomatic);
}

void Process::on_exit(const ExitStatus& status) {
  stop_time_ = host_.clock().wall_seconds();
  stop_pending_ = false;
  // With ready=, a start fails when the child ends before it is ready.
  bool too_quickly = uses_startsecs() ? now_ns() - start_mono_ < seconds_to_ns(config_->startsecs)
                                      : state_ == ProcessState::kStarting && !killing_;
  int code = status.supervisor_code();
  bool expected = contains(config_->exitcodes, code);
  std::string how = status.describe();
  deadline_.cancel();

  if (killing_) {
    killing_ = false;
    exit_status_ = code;
    change_state(ProcessState::kStopped);
    log().log(expected || status.unknown ? LogLevel::kInfo : LogLevel::kWarn, "stopped: " + name() + " (" + how + ")");
    child_.reset();
    if (std::exchange(restart_when_stopped_, false) && host_.may_start(*this)) start(StartCause::kAutomatic);
  } else if (too_quickly) {
    exit_status_.reset();
    spawn_error_ = start_abandoned_
                       ? "Not ready within " + std::to_string(config_->ready_timeout) + " seconds (ready_timeout)"
                       : "Exited too quickly (process log may have details)";
    change_state(ProcessState::kBackoff);
    log().warn("exited: " + name() + " (" + how + "; not expected)");
    child_.reset();
    enter_backoff();
  } else {
    backoff_ = 0;
    exit_status_ = code;
    if (state_ == ProcessState::kStarting) change_state(ProcessState::kRunning);
    if (expected) {
      change_state(ProcessState::kExited, true);
      log().info("exited: " + name() + " (" + how + "; expected)");
    } else {
      spawn_error_ = status.unknown ? "Exit status unknown (adopted)" : "Bad exit code " + std::to_string(code);
      change_state(ProcessState::kExited, false);
      log().warn("exited: " + name() + " (" + how + "; not expected)");
    }
    child_.reset();
    after_exited();
  }
}

bool Process::restarts_after_exit() const {
  return config_->autorestart == AutoRestart::kAlways || (config_->autorestart == AutoRestart::kUnexpected &&
                                                          exit_status_ && !contains(config_->exitcodes, *exit_status_));
}

void Process::after_exited() {
  if (state_ != ProcessState::kExited || !host_.may_start(*this)) return;
  if (restarts_after_exit()) start(StartCause::kAutomatic);
}

void Process::adopt(std::unique_ptr<ChildHandle> child, double laststart) {
  deadline_.cancel();
  child_ = std::move(child);
  last_pid_ = child_->pid();
  resumed_ = true;
  ever_spawned_ = true;
  killing_ = false;
  backoff_ = 0;
  spawn_error_.clear();
  exit_status_.reset();
  start_time_ = laststart;
  // Its uptime counts from laststart: it ended "too quickly" (RUNNING ->
  // BACKOFF) only when that was less than startsecs ago.
  double age = std::max(0.0, host_.clock().wall_seconds() - laststart);
  start_mono_ = now_ns() - static_cast<int64_t>(age * 1e9);
  state_ = ProcessState::kRunning;
}

void Process::on_health(Health from, const HealthTracker& tracker) {
  health_ = tracker.health();
  health_failures_ = tracker.failures();
  health_error_ = tracker.last_error();
  if (health_ == Health::kHealthy) {
    log().info(name() + " is healthy (" + config_->health.probe.text + ")");
  } else if (health_ == Health::kUnhealthy) {
    log().warn(name() + " is unhealthy: " + std::to_string(health_failures_) +
               " checks failed in a row, the last: " + health_error_);
  }
  host_.health_changed(*this, from);
  if (health_ != Health::kUnhealthy || state_ != ProcessState::kRunning) return;
  switch (config_->health.action) {
    case HealthAction::kRestart:
      log().warn("restarting " + name() + " (healthcheck_action=restart)");
      kill(config_->stopsignal);
      restart_when_stopped_ = killing_;
      break;
    case HealthAction::kStop:
      log().warn("stopping " + name() + " (healthcheck_action=stop)");
      kill(config_->stopsignal);
      break;
    case HealthAction::kNone: break;
  }
}

std::string Process::stop() {
  waiting_ = false;
  stop_pending_ = false;
  restart_when_stopped_ = false;
  return kill(config_->stopsignal);
}

std::string Process::kill(int sig) {
  if (state_ == ProcessState::kBackoff) {
    log().debug("Attempted to kill " + name() + ", which is in BACKOFF state.");
    deadline_.cancel();
    change_state(ProcessState::kStopped);
    return "";
  }
  if (!child_) {
    std::string msg = "attempted to kill " + name() + " with sig " + signal_name(sig) + " but it wasn't running";
    log().debug(msg);
    return msg;
  }
  SignalScope scope = state_ == ProcessState::kStopping ? config_->kill_scope() : config_->stop_scope();
  log().debug("killing " + name() + " (pid " + std::to_string(pid()) + ") " +
              (scope == SignalScope::kProcessGroup ? "process group " : "") + "with signal " + signal_name(sig));
  killing_ = true;
  deadline_.arm_at(now_ns() + seconds_to_ns(config_->stopwaitsecs));
  change_state(ProcessState::kStopping);
  if (!child_) return "";  // a state observer may have acted already
  int err = child_->send_signal(sig, scope);
  if (err == ESRCH) {
    log().debug("unable to signal " + name() + " (pid " + std::to_string(pid()) +
                "), it probably just exited on its own: " + std::strerror(err));
    return "";
  }
  if (err != 0) {
    std::string msg = "unknown problem killing " + name() + " (" + std::to_string(pid()) + "):" + std::strerror(err);
    log().critical(msg);
    change_state(ProcessState::kUnknown);
    killing_ = false;
    deadline_.cancel();
    return msg;
  }
  return "";
}

std::string Process::send_signal(int sig) {
  if (!child_) {
    std::string msg = "attempted to send " + name() + " sig " + signal_name(sig) + " but it wasn't running";
    log().debug(msg);
    return msg;
  }
  log().debug("sending " + name() + " (pid " + std::to_string(pid()) + ") sig " + signal_name(sig));
  int err = child_->send_signal(sig, SignalScope::kProcess);
  if (err == ESRCH) {
    log().debug("unable to signal " + name() + " (pid " + std::to_string(pid()) +
                "), it probably just now exited on its own: " + std::strerror(err));
    return "";
  }
  if (err != 0) {
    std::string msg =
        "unknown problem sending sig " + name() + " (" + std::to_string(pid()) + "):" + std::strerror(err);
    log().critical(msg);
    change_state(ProcessState::kUnknown);
    return msg;
  }
  return "";
}

}  // namespace sn
