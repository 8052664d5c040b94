// An XML-RPC value: nil, boolean, int, double, string, base64,
// dateTime.iso8601, array or struct (members kept in order).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "lib/xmlrpc/deferred_text.h"

namespace sn {

class XmlRpcValue {
 public:
  enum class Type { kNil, kBool, kInt, kDouble, kString, kBase64, kDateTime, kArray, kStruct };
  using Array = std::vector<XmlRpcValue>;
  using Member = std::pair<std::string, XmlRpcValue>;
  using Struct = std::vector<Member>;

  XmlRpcValue() = default;  // nil
  XmlRpcValue(bool b) : v_(b) {}
  XmlRpcValue(int i) : v_(int64_t{i}) {}
  XmlRpcValue(int64_t i) : v_(i) {}
  XmlRpcValue(double d) : v_(d) {}
  XmlRpcValue(std::string s) : v_(std::move(s)) {}
  XmlRpcValue(const char* s) : v_(std::string(s)) {}
  XmlRpcValue(Array a) : v_(std::move(a)) {}
  XmlRpcValue(Struct s) : v_(std::move(s)) {}

  static XmlRpcValue base64(std::string bytes);
  static XmlRpcValue datetime(std::string iso8601);
  // A string whose text is read only when it is sent (see deferred_text.h).
  static XmlRpcValue deferred(std::shared_ptr<const DeferredText> text);
  static XmlRpcValue array(std::initializer_list<XmlRpcValue> items) { return XmlRpcValue(Array(items)); }

  Type type() const;
  bool is(Type t) const { return type() == t; }
  // Accessors for the type in question; they throw std::bad_variant_access otherwise.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  // The text of a string, base64 (decoded bytes) or dateTime value (a
  // deferred string is read into memory for it).
  const std::string& as_string() const;
  // A string's deferred text, or nullptr when it is in memory.
  const DeferredText* deferred_text() const;
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Struct& as_struct() const { return std::get<Struct>(v_); }
  Struct& as_struct() { return std::get<Struct>(v_); }
  // A struct member, or nullptr.
  const XmlRpcValue* member(std::string_view name) const;
  // Python truthiness, as supervisor treats its "wait" flags.
  bool truthy() const;

  bool operator==(const XmlRpcValue& other) const = default;

 private:
  struct Base64 {
    std::string bytes;
    bool operator==(const Base64&) const = default;
  };
  struct DateTime {
    std::string text;
    bool operator==(const DateTime&) const = default;
  };
  struct Deferred {
    std::shared_ptr<const DeferredText> text;
    bool operator==(const Deferred& o) const { return text->whole() == o.text->whole(); }
  };
  // The alternatives up to Struct are in the order of Type; a Deferred is a kString.
  std::variant<std::monostate, bool, int64_t, double, std::string, Base64, DateTime, Array, Struct, Deferred> v_;
};

}  // namespace sn
