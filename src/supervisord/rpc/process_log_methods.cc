// Tested by t/compat/test_xmlrpc_compat.py (every method, against Python supervisord).
// supervisor.readProcessStdoutLog, readProcessStderrLog, tailProcessStdoutLog,
// tailProcessStderrLog, clearProcessLogs, clearAllProcessLogs (and aliases).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "lib/util/unique_fd.h"
#include "supervisord/rpc/group_operation.h"
#include "supervisord/rpc/log_reading.h"
#include "supervisord/rpc/process_lookup.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

enum class Channel { kStdout, kStderr };

const std::string& log_path(const Process& p, Channel ch) {
  return ch == Channel::kStdout ? p.stdout_log_path() : p.stderr_log_path();
}

Rotation log_rotation(const Process& p, Channel ch) {
  const ChannelConfig& c = ch == Channel::kStdout ? p.config().stdout_channel : p.config().stderr_channel;
  return rotation_of(c.logfile_maxbytes, c.logfile_backups);
}

XmlRpcValue read_process_log(RpcContext& c, const RpcParams& params, Channel ch) {
  c.check_running();
  Process& p = lookup_process(c.supervisor, string_param(params, 0));
  const std::string& path = log_path(p, ch);
  if (path.empty()) throw RpcError(FaultCode::kNoFile);  // supervisor: NO_FILE, no detail
  if (::access(path.c_str(), F_OK) != 0) throw RpcError(FaultCode::kNoFile, path);
  return read_log_range(path, int_param(params, 1), int_param(params, 2), log_rotation(p, ch));
}

XmlRpcValue tail_process_log(RpcContext& c, const RpcParams& params, Channel ch) {
  c.check_running();
  Process& p = lookup_process(c.supervisor, string_param(params, 0));
  const std::string& path = log_path(p, ch);
  if (path.empty() || ::access(path.c_str(), F_OK) != 0) return XmlRpcValue::array({"", 0, false});
  TailResult t = tail_log(path, int_param(params, 1), int_param(params, 2), log_rotation(p, ch));
  return XmlRpcValue(XmlRpcValue::Array{std::move(t.data), t.offset, t.overflow});
}

// Deletes a log that is not open and leaves an empty file in its place.
int recreate_empty(const std::string& path) {
  if (path.empty()) return 0;
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errno;
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0644));
  return fd ? 0 : errno;
}

void clear_process_logs(Process& p, const std::string& name) {
  int err = 0;
  if (ChildHandle* child = p.child()) {
    err = child->clear_logs();
  } else {
    err = recreate_empty(p.stdout_log_path());
    if (int e = recreate_empty(p.stderr_log_path()); !err) err = e;
  }
  if (err) throw RpcError(FaultCode::kFailed, name);
}

const char* kReadHelp =
    "Read length bytes from name's %s log starting at offset.\n\n"
    "@param string name        the name of the process (or 'group:name')\n"
    "@param int offset         offset to start reading from.\n"
    "@param int length         number of bytes to read from the log.\n"
    "@return string result     Bytes of log";

const char* kTailHelp =
    "Tail the %s log more efficiently than reading it: requests length bytes starting at offset. When the log is "
    "bigger than offset + length, the overflow flag is set and offset moves to the end of the log. The returned "
    "offset is always where the log ends.\n\n"
    "@param string name         the name of the process (or 'group:name')\n"
    "@param int offset          offset to start reading from\n"
    "@param int length          maximum number of bytes to return\n"
    "@return array result       [string bytes, int offset, bool overflow]";

std::string help(const char* format, const char* channel) {
  std::string text = format;
  size_t at = text.find("%s");
  text.replace(at, 2, channel);
  return text;
}

}  // namespace

void add_process_log_methods(RpcRegistry& r, RpcContext& c) {
  r.add({"supervisor.readProcessStdoutLog",
         {"string", "string", "int", "int"},
         3,
         help(kReadHelp, "stdout"),
         [&c](const RpcParams& p, RpcDone done) { done(RpcResult::of(read_process_log(c, p, Channel::kStdout))); }});
  r.alias("supervisor.readProcessLog", "supervisor.readProcessStdoutLog");
  r.add({"supervisor.readProcessStderrLog",
         {"string", "string", "int", "int"},
         3,
         help(kReadHelp, "stderr"),
         [&c](const RpcParams& p, RpcDone done) { done(RpcResult::of(read_process_log(c, p, Channel::kStderr))); }});

  r.add({"supervisor.tailProcessStdoutLog",
         {"array", "string", "int", "int"},
         3,
         help(kTailHelp, "stdout"),
         [&c](const RpcParams& p, RpcDone done) { done(RpcResult::of(tail_process_log(c, p, Channel::kStdout))); }});
  r.alias("supervisor.tailProcessLog", "supervisor.tailProcessStdoutLog");
  r.add({"supervisor.tailProcessStderrLog",
         {"array", "string", "int", "int"},
         3,
         help(kTailHelp, "stderr"),
         [&c](const RpcParams& p, RpcDone done) { done(RpcResult::of(tail_process_log(c, p, Channel::kStderr))); }});

  r.add({"supervisor.clearProcessLogs",
         {"boolean", "string"},
         1,
         "Clear the stdout and stderr logs for the named process and reopen them.\n\n"
         "@param string name   The name of the process (or 'group:name')\n"
         "@return boolean result      Always True unless error",
         [&c](const RpcParams& p, RpcDone done) {
           c.check_running();
           const std::string& name = string_param(p, 0);
           clear_process_logs(lookup_process(c.supervisor, name), name);
           done(RpcResult::of(true));
         }});
  r.alias("supervisor.clearProcessLog", "supervisor.clearProcessLogs");

  r.add({"supervisor.clearAllProcessLogs",
         {"array"},
         0,
         "Clear all process log files.\n\n@return array result   An array of process status info structs",
         [&c](auto&, RpcDone done) {
           c.check_running();
           run_group_operation(
               c.loop.clock(), c.supervisor.processes_by_priority(), [](const Process&) { return true; },
               [](Process& p, const std::string& ns, RpcDone d) {
                 clear_process_logs(p, ns);
                 d(RpcResult::of(true));
               },
               std::move(done));
         }});
}

}  // namespace sn
