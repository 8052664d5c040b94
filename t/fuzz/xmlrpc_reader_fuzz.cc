// libFuzzer target: the XML-RPC reader on arbitrary bytes must never crash,
// expand entities or recurse without bound; what it accepts must survive a
// round trip through the writer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lib/xmlrpc/xml_reader.h"
#include "lib/xmlrpc/xml_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(bytes), size);
  sn::XmlRpcParseError error;
  if (auto call = sn::parse_xmlrpc_call(body, &error)) {
    std::string again = sn::xmlrpc_call(call->method, call->params);
    sn::XmlRpcParseError error2;
    if (!sn::parse_xmlrpc_call(again, &error2)) __builtin_trap();
  }
  if (auto response = sn::parse_xmlrpc_response(body, &error)) {
    std::string again =
        response->is_fault ? sn::xmlrpc_fault_response(response->fault) : sn::xmlrpc_response(response->value);
    sn::XmlRpcParseError error2;
    if (!sn::parse_xmlrpc_response(again, &error2)) __builtin_trap();
  }
  return 0;
}
