// A child an earlier supervisord left running (subprocpidfile) and this
// one adopted. It is not our child: the kernel does not let us reap it or
// learn its exit status, only see through its pidfd that it ended. Its
// output pipes ended with the supervisord that spawned it.
#pragma once

#include "lib/util/event_loop.h"
#include "lib/util/unique_fd.h"
#include "supervisord/process/process.h"

namespace sn {

class AdoptedChild final : public ChildHandle {
 public:
  AdoptedChild(EventLoop& loop, Process& process, pid_t pid, UniqueFd pidfd);

  pid_t pid() const override { return pid_; }
  int send_signal(int sig, SignalScope scope) override;

 private:
  Process& process_;
  pid_t pid_;
  UniqueFd pidfd_;
  EventLoop::Watch watch_;
};

// Adopts, from the file at `path`, every listed child that still runs as
// the same process, for the process of that name among `processes`.
void adopt_children(const std::string& path, const std::vector<Process*>& processes, EventLoop& loop, Logger& logger);

// Writes the file listing every process of `processes` that has a child.
void save_children(const std::string& path, const std::vector<Process*>& processes, Logger& logger);

}  // namespace sn
