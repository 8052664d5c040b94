// Reading the config_dict struct Minos' client sends with bootstrap, start
// and cleanup, the way the fork's Python read its **kwargs.
#pragma once

#include <string>
#include <string_view>

#include "lib/xmlrpc/value.h"

namespace sn {

const XmlRpcValue* dict_member(const XmlRpcValue::Struct& dict, std::string_view key);
// The entry as text: "" when missing or nil; ints and booleans spelled out.
std::string dict_text(const XmlRpcValue::Struct& dict, std::string_view key);
// Python truthiness of the entry (missing: false).
bool dict_truthy(const XmlRpcValue::Struct& dict, std::string_view key);

}  // namespace sn
