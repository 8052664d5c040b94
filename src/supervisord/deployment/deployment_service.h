// The Minos fork's `deployment` XML-RPC namespace: bootstrap, start,
// stop, show and clean up jobs, with the fork's parameters, return
// strings and disk layout. Slow steps (package-server requests,
// unpacking, bootstrap.sh / cleanup.sh, removing trees) run as child
// processes watched by the event loop; the reply goes out when they
// finish, and meanwhile every other request, log and event flows.
//
// Safer than the fork without changing what a correct client sees: names
// must be plain, cleanup removes only the job's own log and data dirs,
// config files and the file methods stay under the configured roots, the
// cleanup token is compared in constant time, and one job runs one
// operation at a time.
#pragma once

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "lib/config/config_model.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/job_layout.h"
#include "supervisord/deployment/package_info.h"
#include "supervisord/deployment/run_info.h"
#include "supervisord/process/child_launch.h"
#include "supervisord/process/child_task.h"
#include "supervisord/rpc/rpc_context.h"

namespace sn {

// Creates the app, log and package roots; refuses ("" or why) when a data
// dir is missing, as the fork refused to start.
std::string prepare_deployment_roots(const DeploymentConfig& config);

// Most deployment methods answer with a string ("OK" or what went wrong).
inline RpcResult ok_string(std::string s) { return RpcResult::of(XmlRpcValue(std::move(s))); }

class DeploymentService {
 public:
  // `supervisor_api` is the daemon's own supervisor.* registry, through
  // which start/stop/show act (so its faults pass through unchanged).
  DeploymentService(DeploymentConfig config, std::string conf_dir, RpcContext& context,
                    const RpcRegistry& supervisor_api);
  ~DeploymentService();
  DeploymentService(const DeploymentService&) = delete;
  DeploymentService& operator=(const DeploymentService&) = delete;

  void add_methods(RpcRegistry& registry);

  struct Operation;
  using OpPtr = std::shared_ptr<Operation>;

 private:
  // Steps shared by bootstrap and start.
  void choose_package(const OpPtr& op, std::function<void(std::optional<PackageInfo>)> next);
  bool install_unpacked(const JobId& id, const std::string& unpacked, const std::string& staging,
                        const std::string& package_dir, std::string* error);
  void make_package_dir(const OpPtr& op, const PackageInfo& package, std::function<void(std::string)> next);
  void fetch(const OpPtr& op, const std::string& url, const std::string& dest, std::function<void(TaskResult)> next);
  void run_task(const OpPtr& op, std::vector<std::string> argv, int timeout, std::function<void(TaskResult)> next);
  void remove_trees(const OpPtr& op, std::vector<std::string> paths, std::function<void(TaskResult)> next);
  void retire(std::unique_ptr<ChildTask> task);  // destroyed from the loop, not from its own callback
  void remove_in_background(std::vector<std::string> paths);
  void call_supervisor(const std::string& method, RpcParams params, RpcDone done);

  // Each operation is a sequence of named steps, one file each
  // (bootstrap_operation.cc, start_operation.cc, ...); a step either
  // answers through finish() or hands the operation to the next.
  void bootstrap(const OpPtr& op);
  bool bootstrap_make_dirs(const OpPtr& op);
  void bootstrap_with_package(const OpPtr& op, const PackageInfo& package);
  void bootstrap_write_files(const OpPtr& op);

  void start(const OpPtr& op);
  void start_update_package(const OpPtr& op);
  bool keep_artifact_tarball(const JobId& id, const std::string& artifact, const PackageInfo& package,
                             std::string* error);
  void start_configure(const OpPtr& op);
  void start_register(const OpPtr& op);
  void start_add_group(const OpPtr& op);
  void start_process(const OpPtr& op);

  void stop(const JobCall& call, RpcDone done);
  void show(const JobCall& call, RpcDone done);

  void cleanup(const OpPtr& op);
  void cleanup_run_script(const OpPtr& op);
  void cleanup_remove(const OpPtr& op);
  void cleanup_unregister(const OpPtr& op);

  OpPtr begin(const JobCall& call, RpcDone done);  // nullptr when the job is busy (answered)
  // For what acts on a job's process name or conf file: an ambiguous name is
  // refused (check_unambiguous), unless `creating` is false and that very
  // job was bootstrapped before the rule (its run dir exists), so that it
  // can still be started, stopped and cleaned up.
  void check_job_name(const JobId& id, bool creating) const;
  void finish(const OpPtr& op, RpcResult result);

  DeploymentConfig config_;
  JobLayout layout_;
  RpcContext& context_;
  const RpcRegistry& supervisor_api_;
  std::string self_exe_;
  LaunchPad launch_pad_;
  std::set<std::string> busy_;  // process names with an operation running
  std::list<OpPtr> running_;
  std::list<OpPtr> finished_;  // destroyed from the loop, not from their own callbacks
  std::vector<std::unique_ptr<ChildTask>> retired_;
  std::map<uint64_t, std::unique_ptr<ChildTask>> background_;  // removals nobody waits for
  uint64_t next_background_ = 0;
  Timer reaper_;
};

// One bootstrap, start or cleanup in progress.
struct DeploymentService::Operation {
  JobCall call;
  RpcDone done;
  std::unique_ptr<ChildTask> task;
  std::string artifact;
  RunInfo run_info;
  bool has_run_info = false;
  std::string failure;  // a cleanup.sh failure, answered after the log dir is gone
  const JobId& id() const { return call.id; }
  std::string text(std::string_view key) const { return dict_text(call.config, key); }
};

}  // namespace sn
