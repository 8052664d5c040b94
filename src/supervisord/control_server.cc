// Tested by t/integration/test_http.py, t/compat/test_xmlrpc_compat.py.
#include "supervisord/control_server.h"

#include "lib/config/config_loader.h"

namespace sn {

ControlServer::ControlServer(EventLoop& loop, Logger& logger, Supervisor& supervisor, FileWatchers& watchers,
                             ListenerSet& listeners, const std::string& web_token, DaemonActions actions,
                             std::string inherited_path)
    : supervisor_(supervisor),
      logger_(logger),
      pending_(loop),
      context_{supervisor, logger, loop, pending_, std::move(actions), std::move(inherited_path)},
      web_(supervisor, internal_, web_token),
      router_(loop, logger, supervisor, public_, watchers, web_),
      http_(loop, logger, router_, listeners) {
  add_supervisor_methods(internal_, context_);
  add_system_methods(internal_, pending_);
  for (const RpcInterfaceConfig& rpc : supervisor.config().rpcinterfaces) {
    if (is_main_rpc_factory(rpc.factory)) public_.add_namespace(internal_, "supervisor", rpc.name);
  }
  if (const auto& d = supervisor.config().deployment) {
    deployment_ = std::make_unique<DeploymentService>(*d, supervisor.config().here + "/conf", context_, internal_);
    deployment_->add_methods(public_);
  }
  if (wants_native_methods(supervisor.group_configs())) add_native_methods(public_, context_);
  add_system_methods(public_, pending_);
  // Deferred calls look again whenever a process changes state.
  supervisor.add_state_listener([this](Process&, ProcessState, bool) { pending_.wake(); });
}

bool ControlServer::listen(std::string* error) {
  const SupervisordConfig& config = supervisor_.config();
  for (size_t i = 0; i < config.servers.size(); ++i) {
    for (const RpcInterfaceConfig& rpc : config.rpcinterfaces) {
      logger_.info("RPC interface '" + rpc.name + "' initialized");
    }
  }
  return http_.listen(config.servers, error);
}

}  // namespace sn
