#include "lib/util/captured_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace sn {

CapturedChild::CapturedChild(pid_t pid, UniqueFd pidfd, UniqueFd output, size_t max_output, bool group_leader)
    : pid_(pid),
      pidfd_(std::move(pidfd)),
      output_(std::move(output)),
      max_output_(max_output),
      group_leader_(group_leader) {
  if (output_) ::fcntl(output_.get(), F_SETFL, ::fcntl(output_.get(), F_GETFL) | O_NONBLOCK);
}

CapturedChild::CapturedChild(CapturedChild&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      pidfd_(std::move(other.pidfd_)),
      output_(std::move(other.output_)),
      max_output_(other.max_output_),
      group_leader_(other.group_leader_),
      output_ended_(other.output_ended_),
      text_(std::move(other.text_)) {}

CapturedChild& CapturedChild::operator=(CapturedChild&& other) noexcept {
  if (this != &other) {
    kill_and_reap();
    pid_ = std::exchange(other.pid_, -1);
    pidfd_ = std::move(other.pidfd_);
    output_ = std::move(other.output_);
    max_output_ = other.max_output_;
    group_leader_ = other.group_leader_;
    output_ended_ = other.output_ended_;
    text_ = std::move(other.text_);
  }
  return *this;
}

CapturedChild::~CapturedChild() { kill_and_reap(); }

void CapturedChild::kill_and_reap() {
  if (pid_ <= 0) return;
  kill();
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

bool CapturedChild::read_output() {
  if (!output_ || output_ended_) return false;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(output_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;  // nothing more for now
    if (n <= 0) {
      output_ended_ = true;
      return false;
    }
    size_t room = max_output_ - std::min(max_output_, text_.size());
    text_.append(buf, std::min(room, static_cast<size_t>(n)));
  }
}

void CapturedChild::kill() {
  if (pid_ <= 0) return;
  if (group_leader_) ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);
}

std::optional<int> CapturedChild::reap() {
  read_output();
  if (pid_ <= 0) return std::nullopt;
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (got < 0) return std::nullopt;
  return status;
}

}  // namespace sn
