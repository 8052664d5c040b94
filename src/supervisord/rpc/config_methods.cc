// Tested by t/compat/test_xmlrpc_compat.py (every method, against Python supervisord).
// supervisor.reloadConfig, addProcessGroup, removeProcessGroup.
#include "lib/config/config_error.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

XmlRpcValue names(const std::vector<std::string>& v) {
  XmlRpcValue::Array out;
  for (const std::string& s : v) out.emplace_back(s);
  return XmlRpcValue(std::move(out));
}

// update_restarts=changed: an active group whose members changed is
// updated member by member instead of answering ALREADY_ADDED.
bool update_in_place(RpcContext& c, const SharedGroupConfig& g) {
  if (c.supervisor.config().update_restarts != SupervisordConfig::UpdateRestarts::kChanged) return false;
  ProcessGroup* active = c.supervisor.find_group(g->name);
  return active && !(active->config() == *g) && c.supervisor.update_group(g);
}

}  // namespace

void add_config_methods(RpcRegistry& r, RpcContext& c) {
  r.add(
      {"supervisor.reloadConfig",
       {"array"},
       0,
       "Reload the configuration.\n\nThe result contains three arrays containing names of process groups:\n\n"
       "* `added` gives the process groups that have been added\n"
       "* `changed` gives the process groups whose contents have changed\n"
       "* `removed` gives the process groups that are no longer in the configuration\n\n"
       "@return array result  [[added, changed, removed]]",
       [&c](auto&, RpcDone done) {
         c.check_running();
         SupervisordConfig fresh;
         try {
           fresh = c.actions.reread_config();
         } catch (const ConfigError& e) {
           throw RpcError(FaultCode::kCantReread, e.what());
         }
         std::vector<std::string> added, changed, removed;
         for (const GroupConfig& g : fresh.groups) {
           ProcessGroup* active = c.supervisor.find_group(g.name);
           if (!active) added.push_back(g.name);
           else if (!(active->config() == g)) changed.push_back(g.name);
         }
         for (ProcessGroup* active : c.supervisor.groups_as_added()) {
           bool kept = false;
           for (const GroupConfig& g : fresh.groups) kept = kept || g.name == active->name();
           if (!kept) removed.push_back(active->name());
         }
         c.supervisor.set_group_configs(std::move(fresh.groups));
         done(RpcResult::of(XmlRpcValue::array({XmlRpcValue::array({names(added), names(changed), names(removed)})})));
       }});

  r.add({"supervisor.addProcessGroup",
         {"boolean", "string"},
         1,
         "Update the config for a running process from config file.\n\n"
         "@param string name         name of process group to add\n@return boolean result     true if successful",
         [&c](const RpcParams& p, RpcDone done) {
           c.check_running();
           const std::string& name = string_param(p, 0);
           for (const SharedGroupConfig& g : c.supervisor.group_configs()) {
             if (g->name != name) continue;
             std::string error;
             if (!c.supervisor.add_group(g, &error)) {
               // supervisor answers an unbindable fcgi socket with an HTTP 500.
               if (!error.empty()) throw RpcError(FaultCode::kFailed, error);
               if (!update_in_place(c, g)) throw RpcError(FaultCode::kAlreadyAdded, name);
               if (!c.supervisor.updating(name)) return done(RpcResult::of(true));
               return c.pending.add([&c, name, done] {
                 c.supervisor.finish_updates();
                 if (c.supervisor.updating(name)) return false;
                 done(RpcResult::of(true));
                 return true;
               });
             }
             c.supervisor.find_group(name)->start_autostart();
             return done(RpcResult::of(true));
           }
           throw RpcError(FaultCode::kBadName, name);
         }});

  r.add({"supervisor.removeProcessGroup",
         {"boolean", "string"},
         1,
         "Remove a stopped process from the active configuration.\n\n"
         "@param string name         name of process group to remove\n"
         "@return boolean result     Indicates whether the removal was successful",
         [&c](const RpcParams& p, RpcDone done) {
           c.check_running();
           const std::string& name = string_param(p, 0);
           switch (c.supervisor.remove_group(name)) {
             case Supervisor::RemoveResult::kNoSuchGroup: throw RpcError(FaultCode::kBadName, name);
             case Supervisor::RemoveResult::kStillRunning: throw RpcError(FaultCode::kStillRunning, name);
             case Supervisor::RemoveResult::kRemoved: break;
           }
           done(RpcResult::of(true));
         }});
}

}  // namespace sn
