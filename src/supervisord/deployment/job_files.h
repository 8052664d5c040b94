// What bootstrap and start write into a job's run directory from the
// caller's config dict, and the checks on what names a directory.
#pragma once

#include <optional>
#include <string>

#include "lib/xmlrpc/fault.h"
#include "lib/xmlrpc/value.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {

// config_files: {name: content}; names are plain file names in the run dir.
// False when one cannot be written; *refusal is then the answer to give (a
// fault for a bad name, "Error: ..." for what the filesystem refused).
bool write_config_files(const XmlRpcValue::Struct& config, const std::string& run_dir, RpcResult* refusal);

// The artifact names a folder under package_root, so it must be a plain
// name like service, cluster and job: the fault when it is not.
std::optional<Fault> artifact_fault(const std::string& artifact);

}  // namespace sn
