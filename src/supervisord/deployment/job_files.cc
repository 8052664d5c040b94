// Tested by t/integration/test_deployment.py.
#include "supervisord/deployment/job_files.h"

#include <stdexcept>

#include "lib/util/file_ops.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/job_layout.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {

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

std::optional<Fault> artifact_fault(const std::string& artifact) {
  try {
    check_plain_name("artifact", artifact);
  } catch (const RpcError& e) {
    return e.fault;
  }
  return std::nullopt;
}

}  // namespace sn
