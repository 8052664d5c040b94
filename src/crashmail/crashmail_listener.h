// crashmail's one loop: reads events from supervisord on stdin, answers
// each at once (an alert is queued before the OK goes back), and delivers
// mail in child processes, so a slow or dead mail server never holds up
// the listener protocol. Waits in poll() with no timeout unless a
// delivery is running or a retry is due: idle, it costs nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crashmail/crash_alert.h"
#include "crashmail/crashmail_options.h"
#include "crashmail/outbox.h"
#include "crashmail/send_attempt.h"
#include "lib/events/event_reader.h"
#include "lib/util/unique_fd.h"

namespace sn {

class CrashmailListener {
 public:
  CrashmailListener(CrashmailOptions options, std::string host);
  // Runs until stdin ends or SIGTERM/SIGINT/SIGHUP; returns the exit status.
  int run();

 private:
  void handle(const ListenerEvent& event);
  void read_events();
  void send_to_supervisord(std::string_view text);
  void start_due_delivery();
  void delivery_finished();
  void flush_batch();
  void add_cluster_recipients(const std::string& group);
  void drain_before_exit();
  double now() const;
  double wall_now() const;

  CrashmailOptions options_;
  std::string host_;
  std::string from_;
  ProcessSelection selection_;
  EventReader reader_;
  Outbox outbox_;
  BatchWindow batch_window_;
  std::vector<CrashAlert> batch_;
  std::string minos_url_;                    // Minos' format: "http://<ip>:<port>"
  std::vector<std::string> batch_extra_to_;  // from alert.cfg, for the batch being collected
  std::optional<SendAttempt> attempt_;
  UniqueFd signals_;
  bool input_open_ = true;
  bool stopping_ = false;
  int exit_status_ = 0;
};

}  // namespace sn
