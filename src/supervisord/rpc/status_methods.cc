// Tested by t/compat/test_xmlrpc_compat.py (against Python supervisord); getSupervisorVersion by
// t/integration/test_versions.py, shutdown and restart by test_supervisorctl.py.
// supervisor.getAPIVersion, getSupervisorVersion, getIdentification,
// getState, getPID, readLog, clearLog, shutdown, restart.
#include <unistd.h>

#include <cerrno>

#include "config.h"
#include "supervisord/rpc/log_reading.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

}  // namespace

void add_status_methods(RpcRegistry& r, RpcContext& c) {
  r.add({"supervisor.getAPIVersion",
         {"string"},
         0,
         "Return the version of the RPC API used by supervisord.\n\n@return string version id",
         [&c](auto&, auto done) {
           c.check_running();
           done(RpcResult::of(SUPERVISOR_API_VERSION));
         }});
  r.alias("supervisor.getVersion", "supervisor.getAPIVersion");

  r.add({"supervisor.getSupervisorVersion",
         {"string"},
         0,
         "Return the version of the supervisor package in use by supervisord.\n\n@return string version id",
         [&c](auto&, auto done) {
           c.check_running();
           done(RpcResult::of(PACKAGE_VERSION));
         }});

  r.add({"supervisor.getIdentification",
         {"string"},
         0,
         "Return the identifying string of supervisord.\n\n@return string identifier identifying string",
         [&c](auto&, auto done) {
           c.check_running();
           done(RpcResult::of(c.supervisor.config().identifier));
         }});

  r.add({"supervisor.getState",
         {"struct"},
         0,
         "Return the current state of supervisord as a struct.\n\n"
         "@return struct A struct with keys int statecode, string statename",
         [&c](auto&, auto done) {
           c.check_running();
           SupervisorState s = c.supervisor.state();
           done(RpcResult::of(XmlRpcValue::Struct{{"statecode", static_cast<int>(s)},
                                                  {"statename", std::string(supervisor_state_name(s))}}));
         }});

  r.add({"supervisor.getPID", {"int"}, 0, "Return the PID of supervisord.\n\n@return int PID", [&c](auto&, auto done) {
           c.check_running();
           done(RpcResult::of(static_cast<int>(::getpid())));
         }});

  r.add({"supervisor.readLog",
         {"string", "int", "int"},
         2,
         "Read length bytes from the main log starting at offset.\n\n"
         "@param int offset         offset to start reading from.\n"
         "@param int length         number of bytes to read from the log.\n"
         "@return string result     Bytes of log",
         [&c](const RpcParams& p, auto done) {
           c.check_running();
           const std::string& log = c.supervisor.config().logfile;
           if (!exists(log)) throw RpcError(FaultCode::kNoFile, log);
           const SupervisordConfig& conf = c.supervisor.config();
           done(RpcResult::of(read_log_range(log, int_param(p, 0), int_param(p, 1),
                                             rotation_of(conf.logfile_maxbytes, conf.logfile_backups))));
         }});
  r.alias("supervisor.readMainLog", "supervisor.readLog");

  r.add({"supervisor.clearLog",
         {"boolean"},
         0,
         "Clear the main log.\n\n@return boolean result always returns True unless error",
         [&c](auto&, auto done) {
           c.check_running();
           const std::string& log = c.supervisor.config().logfile;
           if (!exists(log)) throw RpcError(FaultCode::kNoFile);
           if (::unlink(log.c_str()) != 0 && errno != ENOENT) throw RpcError(FaultCode::kFailed);
           c.logger.info("reopening log file");
           if (c.actions.reopen_main_log) c.actions.reopen_main_log();
           done(RpcResult::of(true));
         }});

  r.add({"supervisor.shutdown",
         {"boolean"},
         0,
         "Shut down the supervisor process.\n\n@return boolean result always returns True unless error",
         [&c](auto&, auto done) {
           c.check_running();
           done(RpcResult::of(true));
           // After the answer is queued: the reply goes out before the listeners close.
           c.actions.shutdown();
         }});

  r.add({"supervisor.restart",
         {"boolean"},
         0,
         "Restart the supervisor process.\n\n@return boolean result  always return True unless error",
         [&c](auto&, auto done) {
           c.check_running();
           // Unlike supervisor, a configuration that cannot be read is
           // reported here instead of taking the daemon down after a true.
           std::string error = c.actions.restart();
           if (!error.empty()) throw RpcError(FaultCode::kCantReread, error);
           done(RpcResult::of(true));
         }});
}

void add_supervisor_methods(RpcRegistry& r, RpcContext& c) {
  add_status_methods(r, c);
  add_process_control_methods(r, c);
  add_process_info_methods(r, c);
  add_process_log_methods(r, c);
  add_config_methods(r, c);
  add_communication_methods(r, c);
}

}  // namespace sn
