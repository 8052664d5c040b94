// Tested by t/integration/test_deployment.py (downloads, unpacking and the
// jobs' scripts: timeouts, output, failures) and test_readiness.py (probes).
#include "supervisord/process/child_task.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/util/signals.h"

extern char** environ;

namespace sn {

namespace {

constexpr size_t kMaxOutput = 64 * 1024;
constexpr int64_t kNsPerSecond = 1'000'000'000;

}  // namespace

std::string TaskResult::describe(int timeout_seconds) const {
  std::string text;
  if (!start_error.empty()) return "cannot start: " + start_error;
  if (timed_out) text = "timed out after " + std::to_string(timeout_seconds) + " s";
  else if (lost) text = "ended with an unknown status";
  else if (signal) text = "was killed by " + signal_name(signal);
  else text = "exited with status " + std::to_string(exit_code);
  std::string shown = output;
  while (!shown.empty() && (shown.back() == '\n' || shown.back() == ' ')) shown.pop_back();
  if (shown.size() > 2000) shown = "..." + shown.substr(shown.size() - 2000);
  if (!shown.empty()) text += ": " + shown;
  return text;
}

ChildTask::ChildTask(EventLoop& loop, LaunchPad& pad, const std::vector<std::string>& argv,
                     const std::string& directory, int timeout_seconds, Done done)
    : loop_(loop), done_(std::move(done)), deadline_(loop.timers(), [this] { time_out(); }) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    result_.start_error = std::string("pipe: ") + std::strerror(errno);
  } else {
    UniqueFd read_end(fds[0]), write_end(fds[1]);
    UniqueFd null_in(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    UserSwitch no_switch;
    ChildPlan plan{args[0],        args.data(),
                   environ,        directory.empty() ? nullptr : directory.c_str(),
                   false,          0,
                   &no_switch,     "",
                   null_in.get(),  write_end.get(),
                   write_end.get()};
    LaunchResult launched = pad.launch(plan);
    if (launched.pid < 0) {
      result_.start_error = argv[0] + ": " + std::strerror(launched.error);
    } else {
      // The launch pad puts every child in a process group of its own.
      child_ = CapturedChild(launched.pid, std::move(launched.pidfd), std::move(read_end), kMaxOutput, true);
    }
  }
  if (!child_.started()) {
    deadline_.arm_at(loop_.clock().monotonic_ns());  // answer from the loop, not inside the caller's call
    return;
  }
  exit_watch_ = loop_.watch(child_.exit_fd(), EPOLLIN, [this](uint32_t) { exited(); });
  output_watch_ = loop_.watch(child_.output_fd(), EPOLLIN, [this](uint32_t) { read_output(); });
  deadline_.arm_at(loop_.clock().monotonic_ns() + timeout_seconds * kNsPerSecond);
}

void ChildTask::read_output() {
  if (!child_.read_output()) output_watch_.reset();
}

void ChildTask::time_out() {
  if (!child_.started()) {  // could not start: report now
    finish(result_);
    return;
  }
  result_.timed_out = true;
  child_.kill();  // whatever the script started in its group goes with it
}

void ChildTask::exited() {
  exit_watch_.reset();
  output_watch_.reset();
  std::optional<int> status = child_.reap();
  result_.output = child_.output();
  if (!status) result_.lost = true;
  else if (WIFEXITED(*status)) result_.exit_code = WEXITSTATUS(*status);
  else if (WIFSIGNALED(*status)) result_.signal = WTERMSIG(*status);
  finish(result_);
}

void ChildTask::finish(TaskResult result) {
  exit_watch_.reset();
  output_watch_.reset();
  deadline_.cancel();
  Done done = std::move(done_);
  if (done) done(std::move(result));  // may destroy this task
}

}  // namespace sn
