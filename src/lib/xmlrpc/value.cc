#include "lib/xmlrpc/value.h"

namespace sn {

XmlRpcValue XmlRpcValue::base64(std::string bytes) {
  XmlRpcValue v;
  v.v_ = Base64{std::move(bytes)};
  return v;
}

XmlRpcValue XmlRpcValue::datetime(std::string iso8601) {
  XmlRpcValue v;
  v.v_ = DateTime{std::move(iso8601)};
  return v;
}

XmlRpcValue XmlRpcValue::deferred(std::shared_ptr<const DeferredText> text) {
  XmlRpcValue v;
  v.v_ = Deferred{std::move(text)};
  return v;
}

XmlRpcValue::Type XmlRpcValue::type() const {
  if (std::holds_alternative<Deferred>(v_)) return Type::kString;
  return static_cast<Type>(v_.index());
}

const std::string& XmlRpcValue::as_string() const {
  if (const auto* b = std::get_if<Base64>(&v_)) return b->bytes;
  if (const auto* d = std::get_if<DateTime>(&v_)) return d->text;
  if (const auto* t = std::get_if<Deferred>(&v_)) return t->text->whole();
  return std::get<std::string>(v_);
}

const DeferredText* XmlRpcValue::deferred_text() const {
  const auto* t = std::get_if<Deferred>(&v_);
  return t ? t->text.get() : nullptr;
}

const XmlRpcValue* XmlRpcValue::member(std::string_view name) const {
  const auto* s = std::get_if<Struct>(&v_);
  if (!s) return nullptr;
  for (const auto& [k, v] : *s)
    if (k == name) return &v;
  return nullptr;
}

bool XmlRpcValue::truthy() const {
  switch (type()) {
    case Type::kNil: return false;
    case Type::kBool: return as_bool();
    case Type::kInt: return as_int() != 0;
    case Type::kDouble: return as_double() != 0;
    case Type::kString:
    case Type::kBase64:
    case Type::kDateTime: return !as_string().empty();
    case Type::kArray: return !as_array().empty();
    case Type::kStruct: return !as_struct().empty();
  }
  return false;
}

}  // namespace sn
