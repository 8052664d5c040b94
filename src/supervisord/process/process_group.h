// A process group: the processes of one [program:x], one [group:x] or one
// [eventlistener:x] pool, kept in (priority, name) order.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/util/unique_fd.h"
#include "supervisord/process/process.h"

namespace sn {

class ProcessGroup {
 public:
  ProcessGroup(SharedGroupConfig config, ProcessHost& host);

  const GroupConfig& config() const { return *config_; }
  const SharedGroupConfig& shared_config() const { return config_; }
  const std::string& name() const { return config_->name; }
  const std::vector<std::unique_ptr<Process>>& processes() const { return processes_; }
  Process* find(std::string_view process_name) const;

  // Starts every autostart process that never ran, lowest priority first.
  void start_autostart();
  // supervisord shutting down: stop what runs (highest priority first) and
  // give up on what is in BACKOFF.
  void stop_all();
  // Processes not yet in a stopped state (STOPPED, EXITED, FATAL, UNKNOWN).
  std::vector<Process*> unstopped() const;
  void reopen_logs();

  // update_restarts=changed. Whether `next` differs from this group only in
  // its members (a change of the group itself needs a new group).
  bool updatable_to(const GroupConfig& next) const;
  // The members `next` drops or changes: they must stop before it applies.
  std::vector<Process*> members_replaced_by(const GroupConfig& next) const;
  // Takes `next` as the configuration: unchanged members are kept (with
  // their child), the others are dropped, and new members are created;
  // those are returned (their logs to be resolved, their autostart to be
  // run). Every member `next` replaces must be stopped.
  std::vector<Process*> apply(SharedGroupConfig next);
  // [fcgi-program:x]: the socket every process gets as its fd 0, kept for
  // as long as the group is active.
  void set_listen_socket(UniqueFd socket);
  bool has_listen_socket() const { return static_cast<bool>(listen_socket_); }

 private:
  SharedGroupConfig config_;
  ProcessHost& host_;
  UniqueFd listen_socket_;  // before the processes: they refer to it
  std::vector<std::unique_ptr<Process>> processes_;
};

}  // namespace sn
