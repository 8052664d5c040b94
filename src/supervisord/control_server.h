// Everything that answers clients during one life of a Supervisor: the
// XML-RPC methods (supervisor.* under each [rpcinterface:x] that asks for
// them, and system.*), deferred calls, the web page, the log tails, and
// the HTTP listeners they are served on.
#pragma once

#include <memory>
#include <string>

#include "lib/util/event_loop.h"
#include "lib/util/logger.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/http/http_server.h"
#include "supervisord/http/request_router.h"
#include "supervisord/output/file_watchers.h"
#include "supervisord/rpc/pending_calls.h"
#include "supervisord/rpc/rpc_context.h"
#include "supervisord/supervisor.h"
#include "supervisord/web/web_ui.h"

namespace sn {

class ControlServer {
 public:
  // `listeners` outlives it: the sockets stay open across restarts.
  ControlServer(EventLoop& loop, Logger& logger, Supervisor& supervisor, FileWatchers& watchers, ListenerSet& listeners,
                const std::string& web_token, DaemonActions actions, std::string inherited_path);

  // Serves the configured HTTP servers; false, naming the first that could
  // not be opened (the others are served).
  bool listen(std::string* error);
  // The methods clients can call.
  const RpcRegistry& registry() const { return public_; }

 private:
  Supervisor& supervisor_;
  Logger& logger_;
  PendingCalls pending_;
  RpcContext context_;
  RpcRegistry internal_;  // every method: the web page uses them whatever the configuration
  RpcRegistry public_;
  std::unique_ptr<DeploymentService> deployment_;  // [rpcinterface:deployment]
  WebUi web_;
  RequestRouter router_;
  HttpServer http_;
};

}  // namespace sn
