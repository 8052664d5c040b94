// What the RPC methods reach: the processes, the main log, deferred calls,
// and the daemon-level actions (reread, shutdown, restart).
#pragma once

#include <functional>
#include <string>

#include "lib/config/config_model.h"
#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "supervisord/rpc/pending_calls.h"
#include "supervisord/rpc/rpc_registry.h"
#include "supervisord/supervisor.h"

namespace sn {

struct DaemonActions {
  // Reads the configuration again; throws ConfigError.
  std::function<SupervisordConfig()> reread_config;
  std::function<void()> shutdown;
  // Reads the configuration and restarts; "" or why it cannot.
  std::function<std::string()> restart;
  // Reopens the main log after clearLog removed the file.
  std::function<void()> reopen_main_log;
  // Emits REMOTE_COMMUNICATION (sendRemoteCommEvent).
};

struct RpcContext {
  Supervisor& supervisor;
  Logger& logger;
  EventLoop& loop;
  PendingCalls& pending;
  DaemonActions actions;
  std::string inherited_path;  // supervisord's $PATH, for command checks

  // SHUTDOWN_STATE unless supervisord is RUNNING.
  void check_running() const {
    if (supervisor.state() != SupervisorState::kRunning) throw RpcError(FaultCode::kShutdownState);
  }
  double now() const { return loop.clock().wall_seconds(); }
};

// Every method of the supervisor namespace.
void add_supervisor_methods(RpcRegistry& registry, RpcContext& context);
void add_status_methods(RpcRegistry& registry, RpcContext& context);
void add_process_control_methods(RpcRegistry& registry, RpcContext& context);
void add_process_info_methods(RpcRegistry& registry, RpcContext& context);
void add_process_log_methods(RpcRegistry& registry, RpcContext& context);
void add_config_methods(RpcRegistry& registry, RpcContext& context);
void add_communication_methods(RpcRegistry& registry, RpcContext& context);
// native.*: ours, served only when the configuration uses what they report.
bool wants_native_methods(const std::vector<SharedGroupConfig>& groups);
void add_native_methods(RpcRegistry& registry, RpcContext& context);
// The system namespace: listMethods, methodHelp, methodSignature, multicall.
void add_system_methods(RpcRegistry& registry, PendingCalls& pending);

}  // namespace sn
