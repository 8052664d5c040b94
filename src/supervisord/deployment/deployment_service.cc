// Tested by t/integration/test_deployment.py: the deploy client's sequence
// with Python's xmlrpc.client against the real daemon and a package server.
#include "supervisord/deployment/deployment_service.h"

#include <unistd.h>

#include <cstring>

#include "lib/http/basic_auth.h"
#include "lib/http/url.h"
#include "lib/util/file_ops.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/fetch_helper.h"
#include "supervisord/deployment/run_info.h"
#include "supervisord/deployment/unpack_helper.h"

namespace sn {

namespace {

constexpr const char* kOk = "OK";

std::string self_executable() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "/proc/self/exe";
}

}  // namespace

std::string prepare_deployment_roots(const DeploymentConfig& config) {
  std::string error;
  for (const std::string* root : {&config.app_root, &config.log_root, &config.package_root})
    if (!make_dirs(*root, &error)) return "[rpcinterface:" + config.name_space + "]: " + error;
  for (const std::string& dir : config.data_dirs) {
    if (!path_exists(dir))
      return std::string("[rpcinterface:") + config.name_space + "] data_dirs: data dir " + dir +
             " must be created before starting supervisord";
  }
  return "";
}

DeploymentService::DeploymentService(DeploymentConfig config, std::string conf_dir, RpcContext& context,
                                     const RpcRegistry& supervisor_api)
    : config_(std::move(config)),
      layout_(config_, std::move(conf_dir)),
      context_(context),
      supervisor_api_(supervisor_api),
      self_exe_(self_executable()),
      reaper_(context.loop.timers(), [this] {
        finished_.clear();
        retired_.clear();
      }) {}

DeploymentService::~DeploymentService() = default;

// ------------------------------------------------------------------ plumbing

void DeploymentService::check_job_name(const JobId& id, bool creating) const {
  std::optional<Fault> fault = ambiguity_fault(id);
  if (!fault) return;
  if (creating || !is_directory(layout_.run_dir(id))) throw RpcError(std::move(*fault));
  context_.logger.warn("deployment: " + id.process_name() + ": " + fault->text + " (bootstrapped before, so allowed)");
}

DeploymentService::OpPtr DeploymentService::begin(const JobCall& call, RpcDone done) {
  std::string name = call.id.process_name();
  if (busy_.count(name)) {
    done(ok_string("Error: another bootstrap, start or cleanup of " + name + " is still running"));
    return nullptr;
  }
  busy_.insert(name);
  auto op = std::make_shared<Operation>();
  op->call = call;
  op->done = std::move(done);
  running_.push_back(op);
  return op;
}

void DeploymentService::finish(const OpPtr& op, RpcResult result) {
  busy_.erase(op->id().process_name());
  running_.remove(op);
  finished_.push_back(op);  // its task may be the caller: destroyed from the loop
  reaper_.arm_at(context_.loop.clock().monotonic_ns());
  RpcDone done = std::move(op->done);
  if (done) done(std::move(result));
}

void DeploymentService::run_task(const OpPtr& op, std::vector<std::string> argv, int timeout,
                                 std::function<void(TaskResult)> next) {
  retire(std::move(op->task));
  op->task = std::make_unique<ChildTask>(context_.loop, launch_pad_, argv, "", timeout, std::move(next));
}

void DeploymentService::retire(std::unique_ptr<ChildTask> task) {
  if (!task) return;
  retired_.push_back(std::move(task));
  reaper_.arm_at(context_.loop.clock().monotonic_ns());
}

void DeploymentService::remove_in_background(std::vector<std::string> paths) {
  std::vector<std::string> argv{"/bin/rm", "-rf", "--one-file-system", "--"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  uint64_t id = next_background_++;
  background_[id] = std::make_unique<ChildTask>(
      context_.loop, launch_pad_, argv, "", config_.script_timeout, [this, id, argv](TaskResult r) {
        if (!r.ok()) context_.logger.warn("deployment: " + argv.back() + ": rm " + r.describe(config_.script_timeout));
        auto it = background_.find(id);
        if (it == background_.end()) return;
        retire(std::move(it->second));
        background_.erase(it);
      });
}

void DeploymentService::fetch(const OpPtr& op, const std::string& url, const std::string& dest,
                              std::function<void(TaskResult)> next) {
  run_task(op, {self_exe_, kDeploymentFetchFlag, url, dest, std::to_string(config_.download_timeout)},
           config_.download_timeout + 5, std::move(next));
}

void DeploymentService::remove_trees(const OpPtr& op, std::vector<std::string> paths,
                                     std::function<void(TaskResult)> next) {
  std::vector<std::string> argv{"/bin/rm", "-rf", "--one-file-system", "--"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  run_task(op, std::move(argv), config_.script_timeout, std::move(next));
}

void DeploymentService::call_supervisor(const std::string& method, RpcParams params, RpcDone done) {
  supervisor_api_.call(method, params, std::move(done));
}

// ------------------------------------------------------------------ packages

// The unpacked tree replaces the package dir (the old one goes to
// `staging`, removed with it) and the job's package links point to it.
bool DeploymentService::install_unpacked(const JobId& id, const std::string& unpacked, const std::string& staging,
                                         const std::string& package_dir, std::string* error) {
  std::string old = staging + "/.old";
  if (link_exists(package_dir) && ::rename(package_dir.c_str(), old.c_str()) != 0) {
    *error = "cannot move the old " + package_dir + " aside";
    return false;
  }
  if (::rename(unpacked.c_str(), package_dir.c_str()) != 0) {
    *error = "cannot move the package into " + package_dir;
    return false;
  }
  return relink(layout_.current_package_link(id.service, id.cluster), package_dir, error) &&
         relink(layout_.package_link(id), package_dir, error);
}

void DeploymentService::choose_package(const OpPtr& op, std::function<void(std::optional<PackageInfo>)> next) {
  std::string name = op->text("package_name"), revision = op->text("revision"), timestamp = op->text("timestamp");
  if (!dict_truthy(op->call.config, "force_update") && !name.empty() && !revision.empty() && !timestamp.empty()) {
    next(PackageInfo{name, revision, timestamp});
    return;
  }
  std::string url =
      config_.package_server + "/" + config_.get_latest_package_info_uri + "/?artifact=" + percent_encode(op->artifact);
  fetch(op, url, "-", [this, op, next](TaskResult r) {
    if (!r.ok()) {
      finish(op, ok_string(r.output + ". There may be an error about your package information."));
      return;
    }
    std::optional<PackageInfo> package;
    std::string error;
    if (!parse_package_info(r.output, &package, &error)) return finish(op, ok_string("Error: " + error));
    next(package);
  });
}

void DeploymentService::make_package_dir(const OpPtr& op, const PackageInfo& package,
                                         std::function<void(std::string)> next) {
  if (!is_plain_name(package.package_name) || !package.package_name.ends_with(".tar.gz") ||
      !is_plain_name(package.revision) || !is_plain_name(package.timestamp)) {
    next("Error: package name, revision and timestamp must be plain names, the package a .tar.gz: '" +
         package.package_name + "', '" + package.revision + "', '" + package.timestamp + "'");
    return;
  }
  std::string tarball = layout_.tarball_path(op->id(), package.version(), package.package_name);
  std::string package_dir = tarball.substr(0, tarball.size() - 7);
  auto unpack = [this, op, tarball, package_dir, next]() {
    std::string staging = dir_name(package_dir) + "/.unpack-" + op->id().process_name();
    std::string error;
    if (link_exists(staging)) return next("Error: a previous unpack was left in " + staging);
    if (!make_dirs(staging, &error)) return next("Error: " + error);
    run_task(op, {self_exe_, kDeploymentUnpackFlag, tarball, staging}, config_.script_timeout,
             [this, op, staging, package_dir, next](TaskResult r) {
               std::string unpacked = staging + "/" + base_name(package_dir);
               std::string error;
               if (!r.ok()) error = "Error: tar " + r.describe(config_.script_timeout);
               else if (!is_directory(unpacked))
                 error = "Error: the package has no top-level directory " + base_name(package_dir);
               if (error.empty() && !install_unpacked(op->id(), unpacked, staging, package_dir, &error))
                 error = "Error: " + error;
               remove_in_background({staging});  // with the old tree, if one was moved aside
               next(error);
             });
  };
  if (path_exists(tarball)) {
    unpack();
    return;
  }
  std::string error;
  if (!make_dirs(dir_name(tarball), &error)) return next("Error: " + error);
  std::string url = config_.package_server + "/" + config_.download_package_uri + "/" + op->artifact + "/" +
                    package.version() + "/" + package.package_name;
  fetch(op, url, tarball, [op, unpack, next](TaskResult r) {
    if (!r.ok()) {
      next(r.output + ". There may be an error about your package information.");
      return;
    }
    unpack();
  });
}

}  // namespace sn
