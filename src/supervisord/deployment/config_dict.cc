// Tested by t/integration/test_deployment.py (every config_dict key the
// deploy client sends).
#include "supervisord/deployment/config_dict.h"

namespace sn {

const XmlRpcValue* dict_member(const XmlRpcValue::Struct& dict, std::string_view key) {
  for (const auto& [k, v] : dict)
    if (k == key) return &v;
  return nullptr;
}

std::string dict_text(const XmlRpcValue::Struct& dict, std::string_view key) {
  const XmlRpcValue* v = dict_member(dict, key);
  if (!v) return "";
  switch (v->type()) {
    case XmlRpcValue::Type::kString:
    case XmlRpcValue::Type::kBase64:
    case XmlRpcValue::Type::kDateTime: return v->as_string();
    case XmlRpcValue::Type::kInt: return std::to_string(v->as_int());
    case XmlRpcValue::Type::kBool: return v->as_bool() ? "True" : "False";
    default: return "";
  }
}

bool dict_truthy(const XmlRpcValue::Struct& dict, std::string_view key) {
  const XmlRpcValue* v = dict_member(dict, key);
  return v && v->truthy();
}

}  // namespace sn
