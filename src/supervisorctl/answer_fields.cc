// Tested by t/unit/answer_fields_test.cc.
#include "supervisorctl/answer_fields.h"

#include "lib/rpc/rpc_client.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

[[noreturn]] void unexpected(std::string_view what) {
  throw TransportError(TransportError::Kind::kOther,
                       "unexpected answer from supervisord: expected " + std::string(what));
}

const XmlRpcValue& member(const XmlRpcValue& v, std::string_view key) {
  const XmlRpcValue* m = v.is(XmlRpcValue::Type::kStruct) ? v.member(key) : nullptr;
  if (!m) unexpected("a struct with '" + std::string(key) + "'");
  return *m;
}

}  // namespace

const XmlRpcValue::Array& array_answer(const XmlRpcValue& v) {
  if (!v.is(XmlRpcValue::Type::kArray)) unexpected("an array");
  return v.as_array();
}

const std::string& string_answer(const XmlRpcValue& v) {
  if (!v.is(XmlRpcValue::Type::kString)) unexpected("a string");
  return v.as_string();
}

int64_t int_answer(const XmlRpcValue& v) {
  if (!v.is(XmlRpcValue::Type::kInt)) unexpected("an int");
  return v.as_int();
}

const std::string& string_field(const XmlRpcValue& v, std::string_view key) {
  const XmlRpcValue& m = member(v, key);
  if (!m.is(XmlRpcValue::Type::kString)) unexpected("'" + std::string(key) + "' to be a string");
  return m.as_string();
}

int64_t int_field(const XmlRpcValue& v, std::string_view key) {
  const XmlRpcValue& m = member(v, key);
  if (m.is(XmlRpcValue::Type::kBool)) return m.as_bool();
  if (!m.is(XmlRpcValue::Type::kInt)) unexpected("'" + std::string(key) + "' to be an int");
  return m.as_int();
}

bool flag_field(const XmlRpcValue& v, std::string_view key) { return member(v, key).truthy(); }

std::string text_field(const XmlRpcValue& v, std::string_view key) {
  const XmlRpcValue& m = member(v, key);
  if (m.is(XmlRpcValue::Type::kInt)) return std::to_string(m.as_int());
  if (m.is(XmlRpcValue::Type::kString)) return m.as_string();
  unexpected("'" + std::string(key) + "' to be an int or a string");
}

std::string pad_right(std::string_view text, size_t width) {
  size_t chars = utf8_char_count(text);
  std::string out(text);
  if (chars < width) out.append(width - chars, ' ');
  return out;
}

}  // namespace sn
