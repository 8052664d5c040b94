// One slow step of the deployment namespace (a download, an unpack, a
// bootstrap.sh or cleanup.sh, a tree removal) run as a child process
// watched by the daemon's event loop: its pidfd says when it is done, its
// output (stdout and stderr together, first 64 KiB) is kept for the error
// text, and past its timeout its whole process group is killed. Meanwhile
// the loop serves everything else.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lib/util/captured_child.h"
#include "lib/util/event_loop.h"
#include "lib/util/timer_queue.h"
#include "supervisord/process/child_launch.h"

namespace sn {

struct TaskResult {
  std::string start_error;  // set when the program could not be started
  int exit_code = -1;       // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  bool lost = false;  // its exit status could not be had (reaped elsewhere)
  std::string output;
  bool ok() const { return start_error.empty() && !timed_out && exit_code == 0; }
  // "exited with status 2: <output>", "timed out after 30 s", ...
  std::string describe(int timeout_seconds) const;
};

class ChildTask {
 public:
  using Done = std::function<void(TaskResult)>;
  // Starts argv[0] (a path) with `argv`, in `directory` ("" : the daemon's).
  // `done` runs from the event loop once the child is gone; a ChildTask
  // destroyed before that kills and reaps the child without calling it.
  ChildTask(EventLoop& loop, LaunchPad& pad, const std::vector<std::string>& argv, const std::string& directory,
            int timeout_seconds, Done done);
  ~ChildTask() = default;
  ChildTask(const ChildTask&) = delete;
  ChildTask& operator=(const ChildTask&) = delete;

 private:
  void read_output();
  void exited();
  void time_out();
  void finish(TaskResult result);

  EventLoop& loop_;
  Done done_;
  CapturedChild child_;  // before the watches: they go first
  EventLoop::Watch exit_watch_;
  EventLoop::Watch output_watch_;
  Timer deadline_;
  TaskResult result_;
};

}  // namespace sn
