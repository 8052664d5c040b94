// Where a Minos job lives on this host:
// its process name "service--cluster--job[N]" and its run, log, data and
// package directories under the configured roots. Names must be plain
// (letters, digits, '.', '_', '-'; not starting with '.'), so no path
// built here can leave its root.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/config_model.h"
#include "lib/xmlrpc/value.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {

struct JobId {
  std::string service;
  std::string cluster;
  std::string job;
  int64_t instance = -1;  // -1: a single-instance job

  std::string process_name() const;  // "hdfs--dptst--datanode1"
  std::string relative_dir() const;  // "hdfs/dptst/datanode/1"
};

// Letters, digits, '.', '_', '-', not starting with '.', at most 200.
bool is_plain_name(const std::string& name);
// "service", "cluster", "job": plain names, else the BAD_ARGUMENTS fault
// naming `what`; check_plain_name throws it as RpcError.
std::optional<Fault> plain_name_fault(const char* what, const std::string& name);
void check_plain_name(const char* what, const std::string& name);
// The BAD_ARGUMENTS fault for the names whose process name another
// job could also have, so that one name means one job: "--" inside a name
// or a '-' at either end ('a--b','c' and 'a','b--c' would meet), and a job
// name ending in a digit ('dn1' alone and 'dn' instance 1 would meet).
// Their run dirs never meet, so only what acts on the process name or its
// conf file needs this.
std::optional<Fault> ambiguity_fault(const JobId& id);

// A per-job call's parameters: (service, cluster, job[, config_dict][, instance_id]).
// Minos' client sends the instance id last and only for multi-instance
// jobs; older clients sent (service, cluster, job, instance_id, config_dict).
// Both are read.
struct JobCall {
  JobId id;
  XmlRpcValue::Struct config;  // empty when not sent
};
JobCall read_job_call(const RpcParams& params);

class JobLayout {
 public:
  JobLayout(const DeploymentConfig& config, std::string conf_dir) : config_(config), conf_dir_(std::move(conf_dir)) {}

  std::string run_dir(const JobId& id) const;
  std::string log_dir(const JobId& id) const;
  std::string stdout_dir(const JobId& id) const { return run_dir(id) + "/stdout"; }
  std::string package_link(const JobId& id) const { return run_dir(id) + "/package"; }
  std::string run_cfg(const JobId& id) const { return run_dir(id) + "/run.cfg"; }
  std::vector<std::string> available_data_dirs(const JobId& id) const;
  // package_root/service/cluster/current
  std::string current_package_link(const std::string& service, const std::string& cluster) const;
  // package_root/service/cluster/<revision>-<timestamp>/<package_name>
  std::string tarball_path(const JobId& id, const std::string& version, const std::string& package_name) const;
  // package_root/<artifact>/<revision>-<timestamp>/<package_name> (start's extra copy)
  std::string artifact_tarball_path(const std::string& artifact, const std::string& version,
                                    const std::string& package_name) const;
  // <supervisord.conf's directory>/conf/<process name>.cfg
  std::string conf_file(const JobId& id) const { return conf_dir_ + "/" + id.process_name() + ".cfg"; }
  const std::string& conf_dir() const { return conf_dir_; }
  const DeploymentConfig& config() const { return config_; }

 private:
  const DeploymentConfig& config_;
  std::string conf_dir_;
};

}  // namespace sn
