// Deploys many hosts at once, each in its own child process (at most
// `parallel` at a time), so one slow or dead host never holds up the
// others; each result comes back over a pipe as the host finishes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "supervisor-deploy/deploy_config.h"
#include "supervisor-deploy/host_deployment.h"

namespace sn {

struct HostReport {
  std::string host;  // "10.0.3.98:22"
  std::string group;
  HostOutcome outcome;
  double seconds = 0;
};

std::vector<HostReport> run_deployments(const std::vector<DeployGroup>& groups, const DeployOptions& options,
                                        int parallel, const std::function<void(const HostReport&)>& on_done);

// The final table: host, group, result, time, error.
std::string format_report_table(const std::vector<HostReport>& reports);

// "installed", "unchanged", "FAILED".
const char* outcome_word(HostOutcome::Kind kind);

}  // namespace sn
