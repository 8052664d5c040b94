#include "supervisord/rpc/rpc_registry.h"

#include <memory>

#include "lib/util/strings.h"

namespace sn {

void RpcRegistry::add(RpcMethod method) {
  std::string name = method.name;
  methods_[name] = std::move(method);
}

void RpcRegistry::alias(const std::string& alias, const std::string& target) {
  RpcMethod m = methods_.at(target);
  m.name = alias;
  methods_[alias] = std::move(m);
}

void RpcRegistry::add_namespace(const RpcRegistry& other, const std::string& from, const std::string& to) {
  std::string prefix = from + ".";
  for (const auto& [name, method] : other.methods_) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    RpcMethod m = method;
    m.name = to + "." + name.substr(prefix.size());
    methods_[m.name] = std::move(m);
  }
}

const RpcMethod* RpcRegistry::find(const std::string& name) const {
  auto it = methods_.find(name);
  return it == methods_.end() ? nullptr : &it->second;
}

std::vector<std::string> RpcRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, m] : methods_) out.push_back(name);
  return out;
}

void RpcRegistry::call(const std::string& name, const RpcParams& params, RpcDone done) const {
  size_t dot = name.find('.');
  const RpcMethod* m = nullptr;
  if (dot != std::string::npos && name.find('.', dot + 1) == std::string::npos && dot + 1 < name.size() &&
      name[dot + 1] != '_') {
    m = find(name);
  }
  if (!m) return done(RpcResult::error(Fault::of(FaultCode::kUnknownMethod)));
  size_t max_params = m->signature.empty() ? 0 : m->signature.size() - 1;
  if (params.size() < static_cast<size_t>(m->required_params) || params.size() > max_params) {
    return done(RpcResult::error(Fault::of(FaultCode::kIncorrectParameters)));
  }
  // `done` may already have run when a later throw happens: guard it.
  auto answered = std::make_shared<bool>(false);
  RpcDone once = [answered, done](RpcResult r) {
    if (*answered) return;
    *answered = true;
    done(std::move(r));
  };
  try {
    m->handler(params, once);
  } catch (const RpcError& e) {
    once(RpcResult::error(e.fault));
  } catch (const std::bad_variant_access&) {
    once(RpcResult::error(Fault::of(FaultCode::kIncorrectParameters)));
  }
}

const std::string& string_param(const RpcParams& params, size_t i) {
  const XmlRpcValue& v = params.at(i);
  if (v.is(XmlRpcValue::Type::kString) || v.is(XmlRpcValue::Type::kBase64)) return v.as_string();
  throw RpcError(FaultCode::kIncorrectParameters);
}

int64_t int_param(const RpcParams& params, size_t i) {
  const XmlRpcValue& v = params.at(i);
  if (v.is(XmlRpcValue::Type::kInt)) return v.as_int();
  if (v.is(XmlRpcValue::Type::kString)) {
    // supervisor int()s what it gets, so "5" is fine.
    if (auto n = parse_python_int(v.as_string())) return *n;
  }
  if (v.is(XmlRpcValue::Type::kBool)) return v.as_bool() ? 1 : 0;
  throw RpcError(FaultCode::kIncorrectParameters);
}

bool bool_param(const RpcParams& params, size_t i, bool fallback) {
  return i < params.size() ? params[i].truthy() : fallback;
}

}  // namespace sn
