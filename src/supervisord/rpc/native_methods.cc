// Tested by t/integration/test_health.py (through Python's xmlrpc.client).
// native.getProcessHealth, native.getAllProcessHealth: ours, in a namespace
// of their own, served when some program has a healthcheck=.
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

XmlRpcValue health_struct(const Process& p) {
  const HealthCheck& check = p.config().health;
  std::string health = check.enabled() ? std::string(health_name(p.health())) : "NONE";
  return XmlRpcValue(XmlRpcValue::Struct{
      {"name", p.name()},
      {"group", p.group_name()},
      {"health", health},
      {"failures", p.health_failures()},
      {"last_error", p.health_error()},
      {"check", check.probe.text},
  });
}

}  // namespace

bool wants_native_methods(const std::vector<SharedGroupConfig>& groups) {
  for (const SharedGroupConfig& g : groups)
    for (const ProcessConfig& p : g->processes)
      if (p.health.enabled()) return true;
  return false;
}

void add_native_methods(RpcRegistry& r, RpcContext& c) {
  r.add({"native.getProcessHealth",
         {"struct", "string"},
         1,
         "Get the health of a process named name (healthcheck=).\n\n"
         "@param string name The name of the process (or 'group:name')\n"
         "@return struct result {name, group, health (HEALTHY, UNHEALTHY, UNKNOWN before the first check, "
         "NONE without healthcheck=), failures (in a row), last_error, check}",
         [&c](const RpcParams& p, RpcDone done) {
           done(RpcResult::of(health_struct(lookup_process(c.supervisor, string_param(p, 0)))));
         }});
  r.add({"native.getAllProcessHealth",
         {"array"},
         0,
         "Get the health of every process, as native.getProcessHealth gives it.\n\n"
         "@return array result An array of health structures",
         [&c](const RpcParams&, RpcDone done) {
           XmlRpcValue::Array all;
           for (Process* p : c.supervisor.processes_by_name()) all.push_back(health_struct(*p));
           done(RpcResult::of(XmlRpcValue(std::move(all))));
         }});
}

}  // namespace sn
