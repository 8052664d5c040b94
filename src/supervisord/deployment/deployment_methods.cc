// The deployment.* methods as the registry sees them: the getters and file
// methods answer at once, the operations run in their own files.
// Tested by t/integration/test_deployment.py.
#include <cerrno>
#include <cstring>

#include "lib/util/file_ops.h"
#include "supervisord/deployment/deployment_service.h"
#include "supervisord/deployment/run_info.h"

namespace sn {

namespace {

constexpr size_t kMaxReadFileBytes = 16 * 1024 * 1024;

XmlRpcValue strings(const std::vector<std::string>& items) {
  XmlRpcValue::Array out;
  for (const auto& s : items) out.emplace_back(s);
  return XmlRpcValue(std::move(out));
}

RpcResult failed(const std::string& what) { return RpcResult::error(Fault::of(FaultCode::kFailed, what)); }

}  // namespace

void DeploymentService::add_methods(RpcRegistry& r) {
  const std::string ns = config_.name_space + ".";
  const std::vector<std::string> job_sig{"string", "string", "string", "string", "int"};
  const std::vector<std::string> op_sig{"string", "string", "string", "string", "struct", "int"};
  using Get = std::function<bool(const JobId&, XmlRpcValue* value, std::string* error)>;
  auto getter = [&](const std::string& name, std::vector<std::string> sig, std::string help, Get get) {
    r.add({ns + name, std::move(sig), 3, std::move(help), [get](const RpcParams& p, RpcDone done) {
             JobCall call = read_job_call(p);
             XmlRpcValue value;
             std::string error;
             if (!get(call.id, &value, &error)) return done(failed(error));
             done(RpcResult::of(std::move(value)));
           }});
  };
  auto always = [](std::function<XmlRpcValue(const JobId&)> get) -> Get {
    return [get](const JobId& id, XmlRpcValue* value, std::string*) {
      *value = get(id);
      return true;
    };
  };
  getter("get_run_dir", job_sig, "The job's run directory.",
         always([this](const JobId& id) { return XmlRpcValue(layout_.run_dir(id)); }));
  getter("get_log_dir", job_sig, "The job's log directory.",
         always([this](const JobId& id) { return XmlRpcValue(layout_.log_dir(id)); }));
  getter("get_stdout_dir", job_sig, "The job's stdout directory.",
         always([this](const JobId& id) { return XmlRpcValue(layout_.stdout_dir(id)); }));
  getter("get_available_data_dirs", {"array", "string", "string", "string", "int"},
         "The job's directory under every configured data dir.",
         always([this](const JobId& id) { return strings(layout_.available_data_dirs(id)); }));
  getter("get_data_dirs", {"array", "string", "string", "string", "int"}, "The data directories chosen at bootstrap.",
         [this](const JobId& id, XmlRpcValue* value, std::string* error) {
           std::optional<RunInfo> info;
           if (!read_run_info(layout_.run_cfg(id), &info, error)) return false;
           if (!info) {
             *value = XmlRpcValue("You should bootstrapped the job first");
             return true;
           }
           auto indexes = parse_data_dir_indexes(info->data_dir_indexes, config_.data_dirs.size());
           if (!indexes) {
             *error = layout_.run_cfg(id) + ": bad data_dir_indexes '" + info->data_dir_indexes + "'";
             return false;
           }
           std::vector<std::string> available = layout_.available_data_dirs(id), chosen;
           for (size_t i : *indexes) chosen.push_back(available[i]);
           *value = strings(chosen);
           return true;
         });
  getter("get_package_dir", job_sig, "The job's package symlink.",
         always([this](const JobId& id) { return XmlRpcValue(layout_.package_link(id)); }));
  getter("get_real_package_dir", job_sig, "Where the job's package symlink points.",
         [this](const JobId& id, XmlRpcValue* value, std::string* error) {
           std::string target;
           if (!read_link(layout_.package_link(id), &target, error)) return false;
           *value = XmlRpcValue(std::move(target));
           return true;
         });
  getter("get_cleanup_token", job_sig, "The cleanup token given at bootstrap.",
         [this](const JobId& id, XmlRpcValue* value, std::string* error) {
           std::optional<RunInfo> info;
           if (!read_run_info(layout_.run_cfg(id), &info, error)) return false;
           *value = XmlRpcValue(info ? info->cleanup_token : std::string("You should bootstrap the job first"));
           return true;
         });
  r.add({ns + "get_current_package_dir",
         {"string", "string", "string"},
         2,
         "The service and cluster's current package symlink.",
         [this](const RpcParams& p, RpcDone done) {
           for (size_t i = 0; i < 2; ++i)
             if (!p[i].is(XmlRpcValue::Type::kString)) throw RpcError(FaultCode::kBadArguments, "expected strings");
           check_plain_name("service", p[0].as_string());
           check_plain_name("cluster", p[1].as_string());
           done(RpcResult::of(XmlRpcValue(layout_.current_package_link(p[0].as_string(), p[1].as_string()))));
         }});

  auto operation = [&](const std::string& name, std::string help, void (DeploymentService::*run)(const OpPtr&)) {
    bool creating = name == "bootstrap";
    r.add({ns + name, op_sig, 3, std::move(help), [this, run, creating](const RpcParams& p, RpcDone done) {
             context_.check_running();
             JobCall call = read_job_call(p);
             check_job_name(call.id, creating);
             OpPtr op = begin(call, std::move(done));
             if (op) (this->*run)(op);
           }});
  };
  operation("bootstrap", "Prepare the job's directories, package and config; run its bootstrap.sh.",
            &DeploymentService::bootstrap);
  operation("start", "Write the job's start.sh, config and [program:x] section, and start it.",
            &DeploymentService::start);
  operation("cleanup", "Run the job's cleanup.sh and remove its log and data dirs.", &DeploymentService::cleanup);
  auto quick = [&](const std::string& name, std::string help, void (DeploymentService::*run)(const JobCall&, RpcDone)) {
    r.add({ns + name, op_sig, 3, std::move(help), [this, run](const RpcParams& p, RpcDone done) {
             JobCall call = read_job_call(p);
             check_job_name(call.id, false);
             (this->*run)(call, std::move(done));
           }});
  };
  quick("stop", "Stop the job (without waiting).", &DeploymentService::stop);
  quick("show", "The job's state name.", &DeploymentService::show);

  // The file methods reach only paths under the configured roots.
  auto checked_path = [this](const RpcParams& p) {
    if (!p[0].is(XmlRpcValue::Type::kString)) throw RpcError(FaultCode::kBadArguments, "file_path must be a string");
    const std::string& path = p[0].as_string();
    std::vector<std::string> roots{config_.app_root, config_.log_root, config_.package_root};
    roots.insert(roots.end(), config_.data_dirs.begin(), config_.data_dirs.end());
    // The resolved path is the one opened, with no symlink allowed on the
    // way, so what was checked is what is reached.
    if (!path.empty() && path[0] == '/')
      for (const std::string& root : roots)
        if (is_inside(path, root) && resolved_path(path) != resolved_path(root)) return resolved_path(path);
    throw RpcError(FaultCode::kBadArguments,
                   "file_path must be under app_root, log_root, package_root or a data dir: '" + path + "'");
  };
  r.add({ns + "read_file",
         {"string", "string"},
         1,
         "The whole content of a file under the deployment roots.",
         [checked_path](const RpcParams& p, RpcDone done) {
           std::string path = checked_path(p);
           std::optional<std::string> text;
           std::string error;
           if (!read_regular_file(path, kMaxReadFileBytes, SymlinksOnTheWay::kRefused, &text, &error))
             return done(failed(error));
           if (!text) return done(failed(path + ": " + std::strerror(ENOENT)));
           done(RpcResult::of(XmlRpcValue(std::move(*text))));
         }});
  auto writer = [&](const std::string& name, bool append) {
    r.add({ns + name,
           {"string", "string", "string"},
           2,
           append ? "Append text to a file under the deployment roots." : "Write a file under the deployment roots.",
           [checked_path, append](const RpcParams& p, RpcDone done) {
             std::string path = checked_path(p);
             if (!p[1].is(XmlRpcValue::Type::kString))
               throw RpcError(FaultCode::kBadArguments, "content must be a string");
             std::string error;
             bool written = append ? append_file(path, p[1].as_string(), &error)
                                   : replace_file(path, p[1].as_string(), 0644, &error);
             if (!written) return done(failed(error));
             done(RpcResult::of(XmlRpcValue("OK")));
           }});
  };
  writer("write_text_to_file", false);
  writer("append_text_to_file", true);
}

}  // namespace sn
