// Puts supervisord on one host over SSH, step by step, each step with its
// own timeout: check the machine (architecture, C library, data dirs),
// leave it alone if this exact install already runs, else upload to
// temporary names, check that the programs run there, stop the old
// supervisord, rename into place, start, and ask the new one over XML-RPC
// whether it is RUNNING with the deployment namespace.
#pragma once

#include <string>
#include <vector>

#include "supervisor-deploy/deploy_config.h"
#include "supervisor-deploy/install_plan.h"

namespace sn {

struct DeployOptions {
  bool accept_new = false;
  int timeout_seconds = 30;  // per step
  std::string template_text;
  std::vector<LocalProgram> programs;
};

struct HostOutcome {
  enum class Kind { kInstalled, kUnchanged, kFailed };
  Kind kind = Kind::kFailed;
  std::string message;  // what went wrong, or a note
};

HostOutcome deploy_host(const DeployGroup& group, const DeployHost& host, const DeployOptions& options);

// What deploy_host would do, for --dry-run: nothing is contacted.
std::vector<std::string> describe_deployment(const DeployGroup& group, const DeployHost& host,
                                             const DeployOptions& options);

// Compares the host's machine with this one's ("" when it can run the
// programs): `uname_m` and the first line of `ldd --version`.
std::string machine_mismatch(const std::string& uname_m, const std::string& ldd_line, const std::string& local_arch,
                             const std::string& local_glibc);

}  // namespace sn
