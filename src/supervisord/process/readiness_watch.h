// When a child is ready, for ready= other than startsecs: READY=1 on a
// NOTIFY_SOCKET of its own (systemd's protocol; STATUS= lines become its
// description), a newline on descriptor N (s6's), or a probe that succeeds,
// tried every 100 ms at first and then less often, up to once a second.
// Costs nothing once the child is ready (a notify socket stays for STATUS=).
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>

#include "lib/config/check_spec.h"
#include "lib/util/event_loop.h"
#include "lib/util/unique_fd.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/probe_run.h"

namespace sn {

// Made before the fork: what the child gets (an environment variable or a
// descriptor) and the daemon's end of it.
struct ReadinessSetup {
  UniqueFd notify_socket;
  std::string notify_address;  // NOTIFY_SOCKET: "@supervisor-native/..."
  UniqueFd ready_pipe;         // fd:N: the daemon's end
  UniqueFd child_end;          // fd:N: becomes the child's descriptor N
  int child_fd = -1;
};

// "" or the spawn error.
std::string prepare_readiness(const ReadyCheck& ready, ReadinessSetup* out);

class ReadinessWatch {
 public:
  struct Events {
    std::function<void()> ready;                     // once
    std::function<void(const std::string&)> status;  // every STATUS=
  };
  ReadinessWatch(EventLoop& loop, LaunchPad& pad, const ReadyCheck& check, int timeout_secs, ReadinessSetup setup,
                 uid_t child_uid, Events events);
  ReadinessWatch(const ReadinessWatch&) = delete;
  ReadinessWatch& operator=(const ReadinessWatch&) = delete;

 private:
  void read_notifications();
  void read_pipe();
  void try_probe();
  void probe_done(bool ok, const std::string& why);
  void became_ready();

  EventLoop& loop_;
  LaunchPad& pad_;
  const ReadyCheck& check_;
  int timeout_secs_;
  uid_t child_uid_;
  Events events_;
  bool ready_ = false;
  UniqueFd notify_socket_;
  UniqueFd ready_pipe_;
  EventLoop::Watch watch_;
  std::unique_ptr<ProbeRun> probe_;
  int64_t probe_gap_ns_;
  Timer next_probe_;
};

}  // namespace sn
