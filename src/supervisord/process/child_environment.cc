#include "supervisord/process/child_environment.h"

#include <unordered_map>

namespace sn {

std::vector<std::string> build_child_environment(const EnvironmentList& inherited, const ProcessConfig& config,
                                                 const std::string& group_name, const std::string& default_server_url,
                                                 const EnvironmentList& from_files) {
  EnvironmentList env = inherited;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < env.size(); ++i) index[env[i].first] = i;
  auto set = [&](const std::string& key, const std::string& value) {
    auto it = index.find(key);
    if (it != index.end()) {
      env[it->second].second = value;
    } else {
      index[key] = env.size();
      env.emplace_back(key, value);
    }
  };
  set("SUPERVISOR_ENABLED", "1");
  std::string url = config.serverurl.value_or(default_server_url);
  if (!url.empty()) set("SUPERVISOR_SERVER_URL", url);
  set("SUPERVISOR_PROCESS_NAME", config.name);
  set("SUPERVISOR_GROUP_NAME", group_name);
  for (const auto& [k, v] : from_files) set(k, v);
  for (const auto& [k, v] : config.environment) set(k, v);

  std::vector<std::string> out;
  out.reserve(env.size());
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace sn
