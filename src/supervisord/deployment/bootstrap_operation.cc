// deployment.bootstrap, as the Minos fork runs it: make the job's run, log
// and data dirs, fetch and unpack its package, write run.cfg, the config
// files and bootstrap.sh, and run the script.
// Tested by t/integration/test_deployment.py.
#include "lib/util/file_ops.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/deployment/job_files.h"
#include "supervisord/deployment/run_info.h"

namespace sn {

void DeploymentService::bootstrap(const OpPtr& op) {
  op->artifact = op->text("artifact");
  if (op->artifact.empty()) return finish(op, ok_string("Invalid config_dict: can't find artifact"));
  if (auto fault = artifact_fault(op->artifact)) return finish(op, RpcResult::error(*fault));
  if (!bootstrap_make_dirs(op)) return;
  choose_package(op, [this, op](std::optional<PackageInfo> package) {
    if (!package) return finish(op, ok_string("No package found on package server of " + op->artifact));
    bootstrap_with_package(op, *package);
  });
}

// The run, stdout, log and chosen data dirs (log and data dirs must be
// empty), with the run dir's links to them. False when it answered.
bool DeploymentService::bootstrap_make_dirs(const OpPtr& op) {
  auto answered = [&](RpcResult r) {
    finish(op, std::move(r));
    return false;
  };
  std::string error;
  auto failed = [&] { return answered(ok_string("Error: " + error)); };
  // A dir that must be empty and then exists, with the run dir's link to it.
  auto empty_dir = [&](const char* what, const std::string& dir, const std::string& link) {
    bool empty = true;
    if (!dir_is_empty(dir, &empty, &error)) return failed();
    if (!empty)
      return answered(ok_string("The " + std::string(what) + " " + dir + " is not empty, please do cleanup first"));
    if (!make_dirs(dir, &error)) return failed();
    return path_exists(link) || relink(link, dir, &error) || failed();
  };
  const JobId& id = op->id();
  std::string run_dir = layout_.run_dir(id);
  if (!make_dirs(run_dir, &error) || !make_dirs(layout_.stdout_dir(id), &error)) return failed();
  if (!empty_dir("log dir", layout_.log_dir(id), run_dir + "/log")) return false;

  std::string indexes_text = op->text("data_dir_indexes");
  if (indexes_text.empty()) indexes_text = "0";
  auto indexes = parse_data_dir_indexes(indexes_text, config_.data_dirs.size());
  if (!indexes)
    return answered(ok_string("Error: data_dir_indexes '" + indexes_text + "' must list numbers below " +
                              std::to_string(config_.data_dirs.size()) + ", comma-separated"));
  std::vector<std::string> available = layout_.available_data_dirs(id);
  for (size_t i : *indexes)
    if (!empty_dir("data dir", available[i], run_dir + "/" + base_name(config_.data_dirs[i]))) return false;
  op->run_info.data_dir_indexes = indexes_text;
  return true;
}

void DeploymentService::bootstrap_with_package(const OpPtr& op, const PackageInfo& package) {
  make_package_dir(op, package, [this, op](std::string error) {
    if (!error.empty()) return finish(op, ok_string(error));
    bootstrap_write_files(op);
  });
}

// run.cfg, the config files and bootstrap.sh, then the script.
void DeploymentService::bootstrap_write_files(const OpPtr& op) {
  const JobId& id = op->id();
  std::string run_dir = layout_.run_dir(id);
  std::string script = op->text("bootstrap.sh");
  op->run_info.cleanup_token = op->text("cleanup_token");
  op->run_info.run_dir = run_dir;
  op->run_info.log_dir = layout_.log_dir(id);
  std::string error;
  RpcResult refusal;
  bool written = read_link(layout_.package_link(id), &op->run_info.package_dir, &error) &&
                 write_run_info(layout_.run_cfg(id), op->run_info, &error);
  if (!written) return finish(op, ok_string("Error: " + error));
  if (!write_config_files(op->call.config, run_dir, &refusal)) return finish(op, std::move(refusal));
  if (!script.empty() && !replace_file(run_dir + "/bootstrap.sh", script, 0644, &error))
    return finish(op, ok_string("Error: " + error));
  if (script.empty()) return finish(op, ok_string("OK"));
  // As the fork did: the script's exit status does not decide the answer.
  run_task(op, {"/bin/bash", run_dir + "/bootstrap.sh"}, config_.script_timeout, [this, op, run_dir](TaskResult r) {
    if (!r.ok()) context_.logger.warn("deployment: " + run_dir + "/bootstrap.sh " + r.describe(config_.script_timeout));
    finish(op, ok_string("OK"));
  });
}

}  // namespace sn
