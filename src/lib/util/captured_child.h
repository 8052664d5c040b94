// A child process started to do one job and not to be left behind: its pid,
// a pidfd that becomes readable when it exits, and the read end of a pipe
// carrying its output, kept up to a cap (the text of an error, not a log).
// Destroying one that was not reaped kills it (and its process group, when
// it leads one) and reaps it. Used for the deployment namespace's downloads
// and scripts and for crashmail's deliveries.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

#include "lib/util/unique_fd.h"

namespace sn {

class CapturedChild {
 public:
  CapturedChild() = default;
  // `output` is made non-blocking. `group_leader`: the child called setsid
  // or setpgid(0, 0), so kill() reaches whatever it started too.
  CapturedChild(pid_t pid, UniqueFd pidfd, UniqueFd output, size_t max_output, bool group_leader);
  CapturedChild(CapturedChild&& other) noexcept;
  CapturedChild& operator=(CapturedChild&& other) noexcept;
  CapturedChild(const CapturedChild&) = delete;
  CapturedChild& operator=(const CapturedChild&) = delete;
  ~CapturedChild();

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  int exit_fd() const { return pidfd_.get(); }
  // -1 once the pipe has ended (so poll() skips it), though the fd stays
  // open until this object goes: an event loop may still be watching it.
  int output_fd() const { return output_ended_ ? -1 : output_.get(); }

  // Reads what the child wrote so far, keeping up to the cap (the rest is
  // read and dropped, so the child never blocks on a full pipe). False once
  // the pipe is at its end or fails.
  bool read_output();
  const std::string& output() const { return text_; }

  // SIGKILL to the child (and its group). It still has to be reaped.
  void kill();
  // Once exit_fd is readable: reads the last output, reaps the child and
  // returns its wait status; nullopt when there is no child to wait for
  // (none was started, or someone else reaped it). The object then holds no
  // process; its fds stay open until it goes.
  std::optional<int> reap();

 private:
  void kill_and_reap();

  pid_t pid_ = -1;
  UniqueFd pidfd_;
  UniqueFd output_;
  size_t max_output_ = 0;
  bool group_leader_ = false;
  bool output_ended_ = false;
  std::string text_;
};

}  // namespace sn
