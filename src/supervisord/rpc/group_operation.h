// Runs one per-process operation over many processes (startProcessGroup,
// stopAllProcesses, ...) and answers with supervisor's result structs:
// {name, group, status, description}, immediate results first, then the
// deferred ones grouped as supervisor's 50 ms polls would see them
// (`clock` tells when each settles), each poll's in process order.
#pragma once

#include <functional>
#include <vector>

#include "lib/util/clock.h"
#include "supervisord/rpc/rpc_registry.h"
#include "supervisord/supervisor.h"

namespace sn {

// The operation for one process, addressed by namespec; answers through
// the callback or throws RpcError.
using ProcessOperation = std::function<void(Process&, const std::string& namespec, RpcDone)>;

void run_group_operation(const Clock& clock, const std::vector<Process*>& processes,
                         const std::function<bool(const Process&)>& selected, const ProcessOperation& operation,
                         RpcDone done);

XmlRpcValue result_struct(const std::string& name, const std::string& group, const Fault& fault);
XmlRpcValue success_struct(const std::string& name, const std::string& group);

}  // namespace sn
