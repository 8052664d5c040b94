#include "supervisord/deployment/job_layout.h"

namespace sn {

namespace {

bool plain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

const std::string& string_at(const RpcParams& params, size_t i, const char* what) {
  if (!params[i].is(XmlRpcValue::Type::kString))
    throw RpcError(FaultCode::kBadArguments, std::string(what) + " must be a string");
  return params[i].as_string();
}

int64_t instance_at(const RpcParams& params, size_t i) {
  if (!params[i].is(XmlRpcValue::Type::kInt)) throw RpcError(FaultCode::kBadArguments, "instance_id must be an int");
  int64_t id = params[i].as_int();
  if (id < -1) throw RpcError(FaultCode::kBadArguments, "instance_id must be -1 or more");
  return id;
}

}  // namespace

bool is_plain_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 200 && name[0] != '.';
  for (char c : name) ok = ok && plain_char(c);
  return ok;
}

std::optional<Fault> plain_name_fault(const char* what, const std::string& name) {
  if (is_plain_name(name)) return std::nullopt;
  std::string shown;
  for (char c : name) shown += (c >= 0x20 && c < 0x7f) ? c : '?';
  return Fault::of(FaultCode::kBadArguments,
                   std::string(what) + " must be a plain name (letters, digits, '.', '_', '-'): '" + shown + "'");
}

void check_plain_name(const char* what, const std::string& name) {
  if (auto fault = plain_name_fault(what, name)) throw RpcError(std::move(*fault));
}

std::optional<Fault> ambiguity_fault(const JobId& id) {
  auto refusal = [](const char* what, const std::string& name, const char* why) {
    return Fault::of(FaultCode::kBadArguments,
                     std::string(what) + " '" + name + "' " + why + ": the process name would not say which job it is");
  };
  for (auto [what, name] : {std::pair{"service", &id.service}, {"cluster", &id.cluster}, {"job", &id.job}}) {
    if (name->find("--") != std::string::npos) return refusal(what, *name, "holds \"--\"");
    if (name->front() == '-' || name->back() == '-') return refusal(what, *name, "starts or ends with '-'");
  }
  if (id.job.back() >= '0' && id.job.back() <= '9') return refusal("job", id.job, "ends in a digit");
  return std::nullopt;
}

std::string JobId::process_name() const {
  return service + "--" + cluster + "--" + job + (instance == -1 ? "" : std::to_string(instance));
}

std::string JobId::relative_dir() const {
  return service + "/" + cluster + "/" + job + (instance == -1 ? "" : "/" + std::to_string(instance));
}

JobCall read_job_call(const RpcParams& params) {
  if (params.size() < 3) throw RpcError(FaultCode::kIncorrectParameters);
  JobCall call;
  call.id.service = string_at(params, 0, "service");
  call.id.cluster = string_at(params, 1, "cluster");
  call.id.job = string_at(params, 2, "job");
  check_plain_name("service", call.id.service);
  check_plain_name("cluster", call.id.cluster);
  check_plain_name("job", call.id.job);
  bool have_config = false, have_instance = false;
  for (size_t i = 3; i < params.size(); ++i) {
    if (params[i].is(XmlRpcValue::Type::kStruct) && !have_config) {
      call.config = params[i].as_struct();
      have_config = true;
    } else if (params[i].is(XmlRpcValue::Type::kInt) && !have_instance) {
      call.id.instance = instance_at(params, i);
      have_instance = true;
    } else {
      throw RpcError(FaultCode::kBadArguments, "expected a config_dict struct and/or an instance_id int after the job");
    }
  }
  return call;
}

std::string JobLayout::run_dir(const JobId& id) const { return config_.app_root + "/" + id.relative_dir(); }

std::string JobLayout::log_dir(const JobId& id) const { return config_.log_root + "/" + id.relative_dir(); }

std::vector<std::string> JobLayout::available_data_dirs(const JobId& id) const {
  std::vector<std::string> out;
  for (const std::string& root : config_.data_dirs) out.push_back(root + "/" + id.relative_dir());
  return out;
}

std::string JobLayout::current_package_link(const std::string& service, const std::string& cluster) const {
  return config_.package_root + "/" + service + "/" + cluster + "/current";
}

std::string JobLayout::tarball_path(const JobId& id, const std::string& version,
                                    const std::string& package_name) const {
  return config_.package_root + "/" + id.service + "/" + id.cluster + "/" + version + "/" + package_name;
}

std::string JobLayout::artifact_tarball_path(const std::string& artifact, const std::string& version,
                                             const std::string& package_name) const {
  return config_.package_root + "/" + artifact + "/" + version + "/" + package_name;
}

}  // namespace sn
