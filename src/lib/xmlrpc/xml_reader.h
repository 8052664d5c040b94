// Decodes XML-RPC documents with libxml2's pull parser (no tree: memory
// follows the values, not the markup), refusing anything hostile before and
// while parsing: documents with a DTD or entity declarations (no XXE, no
// billion laughs), network access, nesting deeper than kXmlRpcMaxDepth, and
// malformed values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/xmlrpc/fault.h"
#include "lib/xmlrpc/value.h"

namespace sn {

struct XmlRpcCall {
  std::string method;
  std::vector<XmlRpcValue> params;
};

struct XmlRpcParseError {
  enum class Kind {
    kMalformed,  // not XML-RPC: answered with HTTP 400, as supervisor does
    kHostile,    // DTD, entities, too deep: refused with a fault
  };
  Kind kind = Kind::kMalformed;
  std::string message;
};

constexpr int kXmlRpcMaxDepth = 32;

// A methodCall; nullopt and `error` set when it is not one.
std::optional<XmlRpcCall> parse_xmlrpc_call(std::string_view body, XmlRpcParseError* error);

// A methodResponse: the value, or the fault it carries.
struct XmlRpcResponse {
  bool is_fault = false;
  XmlRpcValue value;
  Fault fault;
};
std::optional<XmlRpcResponse> parse_xmlrpc_response(std::string_view body, XmlRpcParseError* error);

}  // namespace sn
