// deployment.show, as the Minos fork answers it: the job's state name.
// Tested by t/integration/test_deployment.py.
#include "supervisord/deployment/deployment_service.h"

namespace sn {

void DeploymentService::show(const JobCall& call, RpcDone done) {
  call_supervisor("supervisor.getProcessInfo", {XmlRpcValue(call.id.process_name())}, [done](RpcResult res) {
    if (!res.ok) return done(std::move(res));
    const XmlRpcValue* state = res.value.member("statename");
    done(RpcResult::of(state ? *state : XmlRpcValue("UNKNOWN")));
  });
}

}  // namespace sn
