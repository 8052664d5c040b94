// Tested by t/compat/test_xmlrpc_compat.py (every method, against Python supervisord).
// supervisor.sendProcessStdin, sendRemoteCommEvent.
#include <cerrno>

#include "lib/events/event_payload.h"
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {

void add_communication_methods(RpcRegistry& r, RpcContext& c) {
  r.add({"supervisor.sendProcessStdin",
         {"boolean", "string", "string"},
         2,
         "Send a string of chars to the stdin of the process name. Non-ASCII text is sent UTF-8 encoded. If chars is "
         "not a string, raise INCORRECT_PARAMETERS; if the process is not running, NOT_RUNNING; if its stdin is "
         "closed, NO_FILE.\n\n"
         "@param string name        The process name to send to (or 'group:name')\n"
         "@param string chars       The character data to send to the process\n"
         "@return boolean result    Always return True unless error",
         [&c](const RpcParams& p, RpcDone done) {
           c.check_running();
           const XmlRpcValue& chars = p[1];
           if (!chars.is(XmlRpcValue::Type::kString) && !chars.is(XmlRpcValue::Type::kBase64)) {
             // supervisor names the value it refused.
             std::string shown = chars.is(XmlRpcValue::Type::kInt)    ? std::to_string(chars.as_int())
                                 : chars.is(XmlRpcValue::Type::kBool) ? (chars.as_bool() ? "True" : "False")
                                                                      : "";
             if (shown.empty()) throw RpcError(FaultCode::kIncorrectParameters);
             throw RpcError(FaultCode::kIncorrectParameters, shown);
           }
           const std::string& name = string_param(p, 0);
           Process& process = lookup_process(c.supervisor, name);
           if (!process.child() || process.killing()) throw RpcError(FaultCode::kNotRunning, name);
           int err = process.child()->write_stdin(chars.as_string());
           if (err == EPIPE) throw RpcError(FaultCode::kNoFile, name);
           if (err) throw RpcError(FaultCode::kFailed, name + ": stdin buffer full");
           done(RpcResult::of(true));
         }});

  r.add({"supervisor.sendRemoteCommEvent",
         {"boolean", "string", "string"},
         2,
         "Send an event that will be received by event listener subprocesses subscribing to the "
         "RemoteCommunicationEvent.\n\n"
         "@param  string  type  String for the \"type\" key in the event header\n"
         "@param  string  data  Data for the event body\n"
         "@return boolean       Always return True unless error",
         [&c](const RpcParams& p, RpcDone done) {
           // No SHUTDOWN_STATE check here, as in supervisor.
           c.supervisor.events().publish(
               {EventType::kRemoteCommunication, remote_communication_payload(string_param(p, 0), string_param(p, 1))});
           done(RpcResult::of(true));
         }});
}

}  // namespace sn
