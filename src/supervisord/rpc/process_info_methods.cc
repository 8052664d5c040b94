// Tested by t/compat/test_xmlrpc_compat.py (every method, against Python supervisord).
// supervisor.getProcessInfo, getAllProcessInfo, getAllConfigInfo.
#include "supervisord/rpc/process_info.h"
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

XmlRpcValue log_value(const LogTarget& target, const std::string& active_path) {
  switch (target.kind) {
    case LogTarget::Kind::kNone: return XmlRpcValue("none");
    case LogTarget::Kind::kPath: return XmlRpcValue(target.path);
    case LogTarget::Kind::kAuto: return XmlRpcValue(active_path.empty() ? std::string("auto") : active_path);
  }
  return XmlRpcValue("none");
}

XmlRpcValue optional_text(const std::optional<std::string>& v) { return XmlRpcValue(v.value_or("none")); }

// One getAllConfigInfo struct. `active` is the running process built from
// this configuration, whose AUTO log names are real files (until a reread).
XmlRpcValue config_info(const GroupConfig& g, const ProcessConfig& p, bool inuse, const Process* active) {
  XmlRpcValue::Array exitcodes;
  for (int code : p.exitcodes) exitcodes.emplace_back(code);
  XmlRpcValue::Struct s{
      {"autostart", p.autostart},
      {"directory", optional_text(p.directory)},
      {"uid", p.uid ? XmlRpcValue(static_cast<int64_t>(*p.uid)) : XmlRpcValue("none")},
      {"command", p.command},
      {"exitcodes", XmlRpcValue(std::move(exitcodes))},
      {"group", g.name},
      {"group_prio", g.priority},
      {"inuse", inuse},
      {"killasgroup", p.killasgroup},
      {"name", p.name},
      {"process_prio", p.priority},
      {"redirect_stderr", p.redirect_stderr},
      {"startretries", p.startretries},
      {"startsecs", p.startsecs},
      {"stdout_capture_maxbytes", p.stdout_channel.capture_maxbytes},
      {"stdout_events_enabled", p.stdout_channel.events_enabled},
      {"stdout_logfile", log_value(p.stdout_channel.logfile, active ? active->stdout_log_path() : "")},
      {"stdout_logfile_backups", p.stdout_channel.logfile_backups},
      {"stdout_logfile_maxbytes", p.stdout_channel.logfile_maxbytes},
      {"stdout_syslog", p.stdout_channel.syslog},
      {"stopsignal", p.stopsignal},
      {"stopwaitsecs", p.stopwaitsecs},
      {"stderr_capture_maxbytes", p.stderr_channel.capture_maxbytes},
      {"stderr_events_enabled", p.stderr_channel.events_enabled},
      {"stderr_logfile", log_value(p.stderr_channel.logfile, active ? active->stderr_log_path() : "")},
      {"stderr_logfile_backups", p.stderr_channel.logfile_backups},
      {"stderr_logfile_maxbytes", p.stderr_channel.logfile_maxbytes},
      {"stderr_syslog", p.stderr_channel.syslog},
      {"serverurl", optional_text(p.serverurl)},
  };
  return XmlRpcValue(std::move(s));
}

}  // namespace

void add_process_info_methods(RpcRegistry& r, RpcContext& c) {
  r.add({"supervisor.getProcessInfo",
         {"struct", "string"},
         1,
         "Get info about a process named name.\n\n@param string name The name of the process (or 'group:name')\n"
         "@return struct result     A structure containing data about the process",
         [&c](const RpcParams& p, RpcDone done) {
           c.check_running();
           done(RpcResult::of(process_info(lookup_process(c.supervisor, string_param(p, 0)), c.now())));
         }});

  r.add({"supervisor.getAllProcessInfo",
         {"array"},
         0,
         "Get info about all processes.\n\n@return array result  An array of process status results",
         [&c](auto&, RpcDone done) {
           c.check_running();
           double now = c.now();
           std::vector<Process*> processes = c.supervisor.processes_by_name();
           XmlRpcValue::Array all;
           all.reserve(processes.size());
           for (Process* p : processes) all.push_back(process_info(*p, now));
           done(RpcResult::of(XmlRpcValue(std::move(all))));
         }});

  r.add({"supervisor.getAllConfigInfo",
         {"array"},
         0,
         "Get info about all available process configurations. Each struct represents a single process (i.e. "
         "groups get flattened).\n\n@return array result  An array of process config info structs",
         [&c](auto&, RpcDone done) {
           c.check_running();
           std::vector<std::pair<std::string, XmlRpcValue>> rows;
           for (const SharedGroupConfig& shared : c.supervisor.group_configs()) {
             const GroupConfig& g = *shared;
             ProcessGroup* active = c.supervisor.find_group(g.name);
             for (const ProcessConfig& p : g.processes) {
               const Process* running = active && !c.supervisor.reread_happened() ? active->find(p.name) : nullptr;
               rows.emplace_back(p.name, config_info(g, p, active != nullptr, running));
             }
           }
           std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
           XmlRpcValue::Array all;
           for (auto& row : rows) all.push_back(std::move(row.second));
           done(RpcResult::of(XmlRpcValue(std::move(all))));
         }});
}

}  // namespace sn
