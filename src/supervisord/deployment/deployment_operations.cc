// bootstrap, start and cleanup, step by step, as the Minos fork runs them.
// Each step that can be slow is a child task; the others are quick
// local filesystem work done in the loop.
// Tested by t/integration/test_deployment.py.
#include <cerrno>
#include <cstring>

#include "lib/config/ini_value_writer.h"
#include "lib/http/basic_auth.h"
#include "lib/util/file_ops.h"
#include "lib/util/shell_words.h"
#include "lib/util/strings.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/deployment/run_info.h"

namespace sn {

namespace {

// config_files: {name: content}; names are plain file names in the run dir.
void write_config_files(const XmlRpcValue::Struct& config, const std::string& run_dir) {
  const XmlRpcValue* files = dict_member(config, "config_files");
  if (!files || !files->is(XmlRpcValue::Type::kStruct)) return;
  for (const auto& [name, content] : files->as_struct()) {
    check_plain_name("config file name", name);
    if (!content.is(XmlRpcValue::Type::kString) && !content.is(XmlRpcValue::Type::kBase64))
      throw std::runtime_error("config file " + name + ": the content must be a string");
    std::string path = run_dir + "/" + name;
    if (is_directory(path)) throw std::runtime_error("config file " + path + " is a directory");
    replace_file(path, content.as_string(), 0644);
  }
}

// The artifact names a folder under package_root, so it must be a plain
// name like service, cluster and job.
std::optional<Fault> artifact_fault(const std::string& artifact) {
  try {
    check_plain_name("artifact", artifact);
  } catch (const RpcError& e) {
    return e.fault;
  }
  return std::nullopt;
}

// One "key = value" line of a generated section, written so that the
// daemon reads `value` back exactly; a value it could not is refused.
std::string option_line(const std::string& key, const std::string& value) {
  std::string why;
  std::optional<std::string> text = ini_value_text(value, &why);
  if (!text) throw std::runtime_error(key + " " + safe_repr(value) + " cannot be written to a config file: " + why);
  return key + " = " + *text + "\n";
}

// The [program:x] section start writes for a job, as the fork wrote it.
std::string program_section(const JobId& id, const std::string& run_dir, const std::string& http_url) {
  std::string name = id.process_name();
  return "[program:" + name + "]\n" + option_line("command", "/bin/bash " + quote_shell_word(run_dir + "/start.sh")) +
         option_line("process_name", name) + option_line("directory", run_dir) + option_line("http_url", http_url) +
         "autorestart = true\n" + "exitcodes = 999\n" + "autostart = false\n\n";
}

}  // namespace

// ------------------------------------------------------------------ bootstrap

void DeploymentService::bootstrap(const OpPtr& op) {
  const JobId& id = op->id();
  op->artifact = op->text("artifact");
  if (op->artifact.empty()) return finish(op, ok_string("Invalid config_dict: can't find artifact"));
  if (auto fault = artifact_fault(op->artifact)) return finish(op, RpcResult::error(*fault));
  std::string run_dir = layout_.run_dir(id);
  try {
    make_dirs(run_dir);
    make_dirs(layout_.stdout_dir(id));
    std::string log_dir = layout_.log_dir(id);
    if (!dir_is_empty(log_dir))
      return finish(op, ok_string("The log dir " + log_dir + " is not empty, please do cleanup first"));
    make_dirs(log_dir);
    if (!path_exists(run_dir + "/log")) relink(run_dir + "/log", log_dir);

    std::string indexes_text = op->text("data_dir_indexes");
    if (indexes_text.empty()) indexes_text = "0";
    auto indexes = parse_data_dir_indexes(indexes_text, config_.data_dirs.size());
    if (!indexes)
      return finish(op, ok_string("Error: data_dir_indexes '" + indexes_text + "' must list numbers below " +
                                  std::to_string(config_.data_dirs.size()) + ", comma-separated"));
    std::vector<std::string> available = layout_.available_data_dirs(id);
    for (size_t i : *indexes) {
      const std::string& data_dir = available[i];
      if (!dir_is_empty(data_dir))
        return finish(op, ok_string("The data dir " + data_dir + " is not empty, please do cleanup first"));
      try {
        make_dirs(data_dir);
      } catch (const std::exception& e) {
        return finish(op, ok_string(std::string("Error: ") + e.what()));
      }
      std::string link = run_dir + "/" + base_name(config_.data_dirs[i]);
      if (!path_exists(link)) relink(link, data_dir);
    }
    op->run_info.data_dir_indexes = indexes_text;
  } catch (const std::exception& e) {
    return finish(op, ok_string(std::string("Error: ") + e.what()));
  }
  choose_package(op, [this, op](std::optional<PackageInfo> package) {
    if (!package) return finish(op, ok_string("No package found on package server of " + op->artifact));
    bootstrap_with_package(op, *package);
  });
}

void DeploymentService::bootstrap_with_package(const OpPtr& op, const PackageInfo& package) {
  make_package_dir(op, package, [this, op](std::string error) {
    if (!error.empty()) return finish(op, ok_string(error));
    const JobId& id = op->id();
    std::string run_dir = layout_.run_dir(id);
    std::string script = op->text("bootstrap.sh");
    try {
      op->run_info.cleanup_token = op->text("cleanup_token");
      op->run_info.run_dir = run_dir;
      op->run_info.log_dir = layout_.log_dir(id);
      op->run_info.package_dir = read_link(layout_.package_link(id));
      write_run_info(layout_.run_cfg(id), op->run_info);
      write_config_files(op->call.config, run_dir);
      if (!script.empty()) replace_file(run_dir + "/bootstrap.sh", script, 0644);
    } catch (const RpcError& e) {
      return finish(op, RpcResult::error(e.fault));
    } catch (const std::exception& e) {
      return finish(op, ok_string(std::string("Error: ") + e.what()));
    }
    if (script.empty()) return finish(op, ok_string("OK"));
    // As the fork did: the script's exit status does not decide the answer.
    run_task(op, {"/bin/bash", run_dir + "/bootstrap.sh"}, config_.script_timeout, [this, op, run_dir](TaskResult r) {
      if (!r.ok())
        context_.logger.warn("deployment: " + run_dir + "/bootstrap.sh " + r.describe(config_.script_timeout));
      finish(op, ok_string("OK"));
    });
  });
}

// ------------------------------------------------------------------ start

void DeploymentService::start(const OpPtr& op) {
  const JobId& id = op->id();
  op->artifact = op->text("artifact");
  if (op->artifact.empty()) return finish(op, ok_string("Inval config_dict: can't find artifact"));
  if (auto fault = artifact_fault(op->artifact)) return finish(op, RpcResult::error(*fault));
  try {
    auto info = read_run_info(layout_.run_cfg(id));
    if (!info) return finish(op, ok_string("You should bootstrap the job first"));
    op->run_info = *info;
  } catch (const std::exception& e) {
    return finish(op, ok_string(std::string("Error: ") + e.what()));
  }
  bool given = !op->text("package_name").empty() && !op->text("revision").empty() && !op->text("timestamp").empty();
  if (!dict_truthy(op->call.config, "force_update") && !given) return start_configure(op);
  choose_package(op, [this, op](std::optional<PackageInfo> package) {
    if (!package) return finish(op, ok_string("No package found on package server of " + op->artifact));
    make_package_dir(op, *package, [this, op, package = *package](std::string error) {
      if (!error.empty()) return finish(op, ok_string(error));
      try {
        keep_artifact_tarball(op->id(), op->artifact, package);
        op->run_info.package_dir = read_link(layout_.package_link(op->id()));
        write_run_info(layout_.run_cfg(op->id()), op->run_info);
      } catch (const std::exception& e) {
        return finish(op, ok_string(std::string("Error: ") + e.what()));
      }
      start_configure(op);
    });
  });
}

// The fork also kept the tarball a start updates to under the artifact's
// own name (P/<artifact>/<revision>-<timestamp>/<package_name>); a second
// name for the file already downloaded gives the same layout at no cost.
void DeploymentService::keep_artifact_tarball(const JobId& id, const std::string& artifact,
                                              const PackageInfo& package) {
  std::string tarball = layout_.tarball_path(id, package.version(), package.package_name);
  std::string copy = layout_.artifact_tarball_path(artifact, package.version(), package.package_name);
  if (copy == tarball || link_exists(copy)) return;
  make_dirs(dir_name(copy));
  hard_link(tarball, copy);
}

void DeploymentService::start_configure(const OpPtr& op) {
  const JobId& id = op->id();
  std::string run_dir = layout_.run_dir(id);
  std::string name = id.process_name();
  try {
    std::string script = op->text("start.sh");
    if (!script.empty()) replace_file(run_dir + "/start.sh", script, 0644);
    else if (!path_exists(run_dir + "/start.sh")) return finish(op, ok_string("No start script found"));
    write_config_files(op->call.config, run_dir);
    make_dirs(layout_.conf_dir());
    replace_file(layout_.conf_file(id), program_section(id, run_dir, op->text("http_url")), 0644);
  } catch (const RpcError& e) {
    return finish(op, RpcResult::error(e.fault));
  } catch (const std::exception& e) {
    return finish(op, ok_string(std::string("Error: ") + e.what()));
  }
  call_supervisor("supervisor.reloadConfig", {}, [this, op, name](RpcResult r) {
    if (!r.ok) return finish(op, std::move(r));
    call_supervisor("supervisor.addProcessGroup", {XmlRpcValue(name)}, [this, op, name](RpcResult r) {
      if (!r.ok && r.fault.code != static_cast<int>(FaultCode::kAlreadyAdded)) return finish(op, std::move(r));
      call_supervisor("supervisor.startProcess", {XmlRpcValue(name), XmlRpcValue(false)},
                      [this, op](RpcResult r) { finish(op, r.ok ? ok_string("OK") : std::move(r)); });
    });
  });
}

// ------------------------------------------------------------------ cleanup

void DeploymentService::cleanup(const OpPtr& op) {
  const JobId& id = op->id();
  std::optional<RunInfo> info;
  try {
    info = read_run_info(layout_.run_cfg(id));
  } catch (const std::exception& e) {
    return finish(op, ok_string(std::string("Error: ") + e.what()));
  }
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
    std::string script = op->text("cleanup.sh");
    if (script.empty()) return cleanup_remove(op);
    std::string path = layout_.run_dir(op->id()) + "/cleanup.sh";
    try {
      make_dirs(layout_.run_dir(op->id()));
      replace_file(path, script, 0644);
    } catch (const std::exception& e) {
      return finish(op, ok_string(std::string("Error: ") + e.what()));
    }
    run_task(op, {"/bin/bash", path}, config_.script_timeout, [this, op, path](TaskResult r) {
      if (!r.ok()) {
        context_.logger.warn("deployment: " + path + " " + r.describe(config_.script_timeout));
        op->failure = "Execute cleanup.sh failed";
      }
      cleanup_remove(op);
    });
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
