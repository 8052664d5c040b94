#include "supervisord/rpc/process_lookup.h"

#include "supervisord/rpc/rpc_registry.h"

namespace sn {

Namespec split_namespec(std::string_view name) {
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {std::string(name), std::string(name)};
  Namespec n{std::string(name.substr(0, colon)), std::string(name.substr(colon + 1))};
  if (n.process->empty() || *n.process == "*") n.process.reset();
  return n;
}

std::string make_namespec(std::string_view group, std::string_view process) {
  if (group == process) return std::string(process);
  return std::string(group) + ":" + std::string(process);
}

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
