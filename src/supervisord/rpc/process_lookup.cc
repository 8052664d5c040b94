#include "supervisord/rpc/process_lookup.h"

#include "supervisord/rpc/rpc_registry.h"

namespace sn {

Lookup lookup(const Supervisor& supervisor, const std::string& name) {
  Namespec spec = split_namespec(name);
  Lookup found;
  found.group = supervisor.find_group(spec.group);
  if (!found.group) throw RpcError(FaultCode::kBadName, name);
  if (!spec.process) return found;
  found.process = found.group->find(*spec.process);
  if (!found.process) throw RpcError(FaultCode::kBadName, name);
  return found;
}

Process& lookup_process(const Supervisor& supervisor, const std::string& name) {
  Lookup found = lookup(supervisor, name);
  if (!found.process) throw RpcError(FaultCode::kBadName, name);
  return *found.process;
}

}  // namespace sn
