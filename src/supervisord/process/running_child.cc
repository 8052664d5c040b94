#include "supervisord/process/running_child.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

namespace sn {

RunningChild::RunningChild(EventLoop& loop, Logger& logger, Process& process, pid_t pid, UniqueFd pidfd,
                           UniqueFd stdin_pipe, std::unique_ptr<OutputChannel> out, std::unique_ptr<OutputChannel> err)
    : loop_(loop),
      logger_(logger),
      process_(process),
      pid_(pid),
      stdin_(std::move(stdin_pipe)),
      out_(std::move(out)),
      err_(std::move(err)),
      pidfd_(std::move(pidfd)) {
  watch_ = loop.watch(pidfd_.get(), EPOLLIN, [this](uint32_t) { on_exited(); });
}

int signal_child(pid_t pid, int pidfd, int sig, SignalScope scope) {
  int rc = scope == SignalScope::kProcessGroup
               ? ::kill(-pid, sig)
               : static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
  return rc == 0 ? 0 : errno;
}

int RunningChild::send_signal(int sig, SignalScope scope) { return signal_child(pid_, pidfd_.get(), sig, scope); }

void RunningChild::reopen_logs() {
  if (out_) out_->reopen_log();
  if (err_) err_->reopen_log();
}

int RunningChild::clear_logs() {
  int err = out_ ? out_->clear_log() : 0;
  int err2 = err_ ? err_->clear_log() : 0;
  return err ? err : err2;
}

int RunningChild::write_stdin(std::string_view data) {
  if (!stdin_) return EPIPE;
  // A child that never reads its stdin must not make the daemon grow without bound.
  constexpr size_t kMaxPendingStdin = 16 * 1024 * 1024;
  if (stdin_pending_.size() + data.size() > kMaxPendingStdin) return ENOBUFS;
  stdin_pending_.append(data);
  return flush_stdin();
}

int RunningChild::flush_stdin() {
  while (!stdin_pending_.empty()) {
    ssize_t n = ::write(stdin_.get(), stdin_pending_.data(), stdin_pending_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      if (!stdin_watch_.active()) {
        stdin_watch_ = loop_.watch(stdin_.get(), EPOLLOUT, [this](uint32_t) { flush_stdin(); });
      }
      return 0;
    }
    if (n < 0) {
      // The child closed its stdin: nothing more can be sent.
      stdin_watch_.reset();
      stdin_.reset();
      stdin_pending_.clear();
      return EPIPE;
    }
    stdin_pending_.erase(0, static_cast<size_t>(n));
  }
  stdin_watch_.reset();
  return 0;
}

ExitStatus RunningChild::reap() {
  siginfo_t info{};
  while (::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(pidfd_.get()), &info, WEXITED) != 0) {
    if (errno != EINTR) return ExitStatus::killed(0);
  }
  switch (info.si_code) {
    case CLD_EXITED: return ExitStatus::exited(info.si_status);
    case CLD_DUMPED: return ExitStatus::killed(info.si_status, true);
    default: return ExitStatus::killed(info.si_status);
  }
}

void RunningChild::on_exited() {
  // supervisor's line for the signal it waits on; log watchers grep for it.
  logger_.debug("received SIGCHLD indicating a child quit");
  // Everything the child wrote before it died is in the pipes: log it
  // before the exit is acted on.
  if (out_) out_->drain();
  if (err_) err_->drain();
  ExitStatus status = reap();
  Process& process = process_;
  process.on_exit(status);  // destroys *this: nothing may follow
}

}  // namespace sn
