// Encodes XML-RPC documents in the layout of Python's xmlrpc.client, so
// responses read the same as supervisor's. Text is always well-formed XML:
// bytes that are not valid UTF-8, and characters XML 1.0 forbids (a child's
// ESC and other control bytes), become U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/xmlrpc/fault.h"
#include "lib/xmlrpc/value.h"

namespace sn {

std::string xmlrpc_response(const XmlRpcValue& value);

// xmlrpc_response(value) as pieces, so that a large answer need not be
// built whole: literal text, and (text set) the strings of `value` of
// kTextPieceBytes or more and the deferred ones, to be escaped with
// append_xml_text as they are sent. The pieces point into `value`.
inline constexpr size_t kTextPieceBytes = 64 * 1024;
struct XmlPiece {
  std::string literal;
  const XmlRpcValue* text = nullptr;
};
std::vector<XmlPiece> xmlrpc_response_pieces(const XmlRpcValue& value);
std::string xmlrpc_fault_response(const Fault& fault);
std::string xmlrpc_call(std::string_view method, const std::vector<XmlRpcValue>& params);

// Escapes &, < and > and makes `text` valid XML character data.
void append_xml_text(std::string* out, std::string_view text);

}  // namespace sn
