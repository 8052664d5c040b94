// deployment.stop, as the Minos fork runs it: stopProcess without waiting.
// Tested by t/integration/test_deployment.py.
#include "supervisord/deployment/deployment_service.h"

namespace sn {

void DeploymentService::stop(const JobCall& call, RpcDone done) {
  call_supervisor("supervisor.stopProcess", {XmlRpcValue(call.id.process_name()), XmlRpcValue(false)},
                  [done](RpcResult res) { done(res.ok ? ok_string("OK") : std::move(res)); });
}

}  // namespace sn
