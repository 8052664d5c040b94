// Tested by t/integration/test_deployment.py.
#include "supervisord/deployment/job_files.h"

#include "lib/util/file_ops.h"
#include "supervisord/deployment/config_dict.h"
#include "supervisord/deployment/job_layout.h"
#include "supervisord/rpc/rpc_registry.h"

namespace sn {

bool write_config_files(const XmlRpcValue::Struct& config, const std::string& run_dir, RpcResult* refusal) {
  const XmlRpcValue* files = dict_member(config, "config_files");
  if (!files || !files->is(XmlRpcValue::Type::kStruct)) return true;
  auto refuse = [&](const std::string& why) {
    *refusal = RpcResult::of(XmlRpcValue("Error: " + why));
    return false;
  };
  for (const auto& [name, content] : files->as_struct()) {
    if (auto fault = plain_name_fault("config file name", name)) {
      *refusal = RpcResult::error(std::move(*fault));
      return false;
    }
    if (!content.is(XmlRpcValue::Type::kString) && !content.is(XmlRpcValue::Type::kBase64))
      return refuse("config file " + name + ": the content must be a string");
    std::string path = run_dir + "/" + name, error;
    if (is_directory(path)) return refuse("config file " + path + " is a directory");
    if (!replace_file(path, content.as_string(), 0644, &error)) return refuse(error);
  }
  return true;
}

std::optional<Fault> artifact_fault(const std::string& artifact) { return plain_name_fault("artifact", artifact); }

}  // namespace sn
