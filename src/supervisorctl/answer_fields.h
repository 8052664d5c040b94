// Reading the values supervisord answers with. A value of the wrong shape
// is a TransportError naming what was expected, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lib/xmlrpc/value.h"

namespace sn {

const XmlRpcValue::Array& array_answer(const XmlRpcValue& v);
const std::string& string_answer(const XmlRpcValue& v);
int64_t int_answer(const XmlRpcValue& v);
// A member of a struct answer.
const std::string& string_field(const XmlRpcValue& v, std::string_view key);
int64_t int_field(const XmlRpcValue& v, std::string_view key);
// Python truthiness of a member (supervisor sends booleans or ints).
bool flag_field(const XmlRpcValue& v, std::string_view key);
// An int or a string member as text (group_prio and friends).
std::string text_field(const XmlRpcValue& v, std::string_view key);

// `text` padded with spaces to `width` characters (UTF-8 aware, as
// Python's "%-Ns" counts characters, not bytes).
std::string pad_right(std::string_view text, size_t width);

}  // namespace sn
