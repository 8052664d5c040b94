// deployment.cleanup, as the Minos fork runs it: check the cleanup token
// and that the job is not running, run cleanup.sh, remove the job's log
// and data dirs, and unregister its [program:x] section.
// Tested by t/integration/test_deployment.py.
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "lib/http/basic_auth.h"
#include "lib/util/file_ops.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/deployment/run_info.h"

namespace sn {

void DeploymentService::cleanup(const OpPtr& op) {
  const JobId& id = op->id();
  std::optional<RunInfo> info;
  std::string error;
  if (!read_run_info(layout_.run_cfg(id), &info, &error)) return finish(op, ok_string("Error: " + error));
  // A token set at bootstrap must be given: an empty or missing one is no
  // way around it. Without run.cfg any token given is wrong, as in the fork.
  std::string token = op->text("cleanup_token");
  bool token_set = info && !info->cleanup_token.empty();
  if ((token_set || !token.empty()) && (!info || !constant_time_equals(token, info->cleanup_token)))
    return finish(op, ok_string("Cleanup token is invalid"));
  if (info) {
    op->run_info = *info;
    op->has_run_info = true;
  }
  call_supervisor("supervisor.getProcessInfo", {XmlRpcValue(id.process_name())}, [this, op](RpcResult r) {
    if (r.ok) {
      const XmlRpcValue* state = r.value.member("statename");
      if (state && state->as_string() == "RUNNING") return finish(op, ok_string("You should stop the job first"));
    }
    cleanup_run_script(op);
  });
}

// As the fork did: a failing cleanup.sh keeps the data dirs and is
// answered after the log dir is gone.
void DeploymentService::cleanup_run_script(const OpPtr& op) {
  std::string script = op->text("cleanup.sh");
  if (script.empty()) return cleanup_remove(op);
  std::string path = layout_.run_dir(op->id()) + "/cleanup.sh";
  std::string error;
  if (!make_dirs(layout_.run_dir(op->id()), &error) || !replace_file(path, script, 0644, &error))
    return finish(op, ok_string("Error: " + error));
  run_task(op, {"/bin/bash", path}, config_.script_timeout, [this, op, path](TaskResult r) {
    if (!r.ok()) {
      context_.logger.warn("deployment: " + path + " " + r.describe(config_.script_timeout));
      op->failure = "Execute cleanup.sh failed";
    }
    cleanup_remove(op);
  });
}

void DeploymentService::cleanup_remove(const OpPtr& op) {
  const JobId& id = op->id();
  // Only the job's own log dir and (when it was bootstrapped) its data
  // dirs, each checked to resolve inside its root.
  std::vector<std::string> doomed;
  std::string log_dir = layout_.log_dir(id);
  if (is_inside(log_dir, config_.log_root) && link_exists(log_dir)) doomed.push_back(log_dir);
  if (op->has_run_info && op->failure.empty()) {
    auto indexes = parse_data_dir_indexes(op->run_info.data_dir_indexes, config_.data_dirs.size());
    std::vector<std::string> available = layout_.available_data_dirs(id);
    if (indexes) {
      for (size_t i : *indexes)
        if (is_inside(available[i], config_.data_dirs[i]) && link_exists(available[i])) doomed.push_back(available[i]);
    }
  }
  auto next = [this, op](TaskResult r) {
    if (!r.ok())
      return finish(op, ok_string("Error: removing the job's dirs: rm " + r.describe(config_.script_timeout)));
    if (!op->failure.empty()) return finish(op, ok_string(op->failure));
    cleanup_unregister(op);
  };
  if (doomed.empty()) {
    TaskResult nothing;
    nothing.exit_code = 0;
    return next(nothing);
  }
  remove_trees(op, doomed, next);
}

void DeploymentService::cleanup_unregister(const OpPtr& op) {
  std::string conf = layout_.conf_file(op->id());
  if (!link_exists(conf)) return finish(op, ok_string("OK"));
  if (::unlink(conf.c_str()) != 0)
    return finish(op, ok_string("Error: cannot remove " + conf + ": " + std::strerror(errno)));
  std::string name = op->id().process_name();
  call_supervisor("supervisor.removeProcessGroup", {XmlRpcValue(name)}, [this, op](RpcResult) {
    call_supervisor("supervisor.reloadConfig", {}, [this, op](RpcResult) { finish(op, ok_string("OK")); });
  });
}

}  // namespace sn
