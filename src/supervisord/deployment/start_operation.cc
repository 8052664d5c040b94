// deployment.start, as the Minos fork runs it: update the package when
// asked, write start.sh, the config files and the job's [program:x]
// section, then reloadConfig, addProcessGroup and startProcess.
// Tested by t/integration/test_deployment.py.
#include "lib/config/ini_value_writer.h"
#include "lib/util/file_ops.h"
#include "lib/util/shell_words.h"
#include "lib/util/strings.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/deployment/job_files.h"
#include "supervisord/deployment/run_info.h"

namespace sn {
namespace {

// One "key = value" line of a generated section, written so that the
// daemon reads `value` back exactly; false for a value it could not.
bool add_option_line(std::string* section, const std::string& key, const std::string& value, std::string* error) {
  std::string why;
  std::optional<std::string> text = ini_value_text(value, &why);
  if (!text) {
    *error = key + " " + safe_repr(value) + " cannot be written to a config file: " + why;
    return false;
  }
  *section += key + " = " + *text + "\n";
  return true;
}

// The [program:x] section start writes for a job, as the fork wrote it.
bool program_section(const JobId& id, const std::string& run_dir, const std::string& http_url, std::string* section,
                     std::string* error) {
  std::string name = id.process_name();
  *section = "[program:" + name + "]\n";
  bool written = add_option_line(section, "command", "/bin/bash " + quote_shell_word(run_dir + "/start.sh"), error) &&
                 add_option_line(section, "process_name", name, error) &&
                 add_option_line(section, "directory", run_dir, error) &&
                 add_option_line(section, "http_url", http_url, error);
  *section += "autorestart = true\nexitcodes = 999\nautostart = false\n\n";
  return written;
}

}  // namespace

void DeploymentService::start(const OpPtr& op) {
  const JobId& id = op->id();
  op->artifact = op->text("artifact");
  if (op->artifact.empty()) return finish(op, ok_string("Inval config_dict: can't find artifact"));
  if (auto fault = artifact_fault(op->artifact)) return finish(op, RpcResult::error(*fault));
  std::optional<RunInfo> info;
  std::string error;
  if (!read_run_info(layout_.run_cfg(id), &info, &error)) return finish(op, ok_string("Error: " + error));
  if (!info) return finish(op, ok_string("You should bootstrap the job first"));
  op->run_info = *info;
  bool given = !op->text("package_name").empty() && !op->text("revision").empty() && !op->text("timestamp").empty();
  if (!dict_truthy(op->call.config, "force_update") && !given) return start_configure(op);
  start_update_package(op);
}

// force_update, or a package named in full: the job moves to the chosen
// package (fetched and unpacked when new) before it is configured.
void DeploymentService::start_update_package(const OpPtr& op) {
  choose_package(op, [this, op](std::optional<PackageInfo> package) {
    if (!package) return finish(op, ok_string("No package found on package server of " + op->artifact));
    make_package_dir(op, *package, [this, op, package = *package](std::string error) {
      if (!error.empty()) return finish(op, ok_string(error));
      bool updated = keep_artifact_tarball(op->id(), op->artifact, package, &error) &&
                     read_link(layout_.package_link(op->id()), &op->run_info.package_dir, &error) &&
                     write_run_info(layout_.run_cfg(op->id()), op->run_info, &error);
      if (!updated) return finish(op, ok_string("Error: " + error));
      start_configure(op);
    });
  });
}

// The fork also kept the tarball a start updates to under the artifact's
// own name (P/<artifact>/<revision>-<timestamp>/<package_name>); a second
// name for the file already downloaded gives the same layout at no cost.
bool DeploymentService::keep_artifact_tarball(const JobId& id, const std::string& artifact, const PackageInfo& package,
                                              std::string* error) {
  std::string tarball = layout_.tarball_path(id, package.version(), package.package_name);
  std::string copy = layout_.artifact_tarball_path(artifact, package.version(), package.package_name);
  if (copy == tarball || link_exists(copy)) return true;
  return make_dirs(dir_name(copy), error) && hard_link(tarball, copy, error);
}

void DeploymentService::start_configure(const OpPtr& op) {
  const JobId& id = op->id();
  std::string run_dir = layout_.run_dir(id);
  std::string script = op->text("start.sh"), error;
  auto failed = [&] { finish(op, ok_string("Error: " + error)); };
  if (script.empty() && !path_exists(run_dir + "/start.sh")) return finish(op, ok_string("No start script found"));
  if (!script.empty() && !replace_file(run_dir + "/start.sh", script, 0644, &error)) return failed();
  RpcResult refusal;
  if (!write_config_files(op->call.config, run_dir, &refusal)) return finish(op, std::move(refusal));
  std::string section;
  if (!make_dirs(layout_.conf_dir(), &error) || !program_section(id, run_dir, op->text("http_url"), &section, &error) ||
      !replace_file(layout_.conf_file(id), section, 0644, &error))
    return failed();
  start_register(op);
}

// The new section is read, its group added (already there is fine), and
// the job started without waiting.
void DeploymentService::start_register(const OpPtr& op) {
  call_supervisor("supervisor.reloadConfig", {}, [this, op](RpcResult r) {
    if (!r.ok) return finish(op, std::move(r));
    start_add_group(op);
  });
}

void DeploymentService::start_add_group(const OpPtr& op) {
  call_supervisor("supervisor.addProcessGroup", {XmlRpcValue(op->id().process_name())}, [this, op](RpcResult r) {
    if (!r.ok && r.fault.code != static_cast<int>(FaultCode::kAlreadyAdded)) return finish(op, std::move(r));
    start_process(op);
  });
}

void DeploymentService::start_process(const OpPtr& op) {
  call_supervisor("supervisor.startProcess", {XmlRpcValue(op->id().process_name()), XmlRpcValue(false)},
                  [this, op](RpcResult r) { finish(op, r.ok ? ok_string("OK") : std::move(r)); });
}

}  // namespace sn
