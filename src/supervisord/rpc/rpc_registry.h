// The XML-RPC methods supervisord serves, by "namespace.method" name, with
// the signature and help text system.methodSignature/methodHelp report.
// A call completes through a callback, now or later (a start that waits
// for RUNNING answers when the process gets there).
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/xmlrpc/fault.h"
#include "lib/xmlrpc/value.h"

namespace sn {

// Either the value or the fault a call ended with.
struct RpcResult {
  bool ok = true;
  XmlRpcValue value;
  Fault fault;

  static RpcResult of(XmlRpcValue v) { return {true, std::move(v), {}}; }
  static RpcResult error(Fault f) { return {false, {}, std::move(f)}; }
};

using RpcDone = std::function<void(RpcResult)>;
using RpcParams = std::vector<XmlRpcValue>;

// Thrown by a method before it defers; the registry turns it into a fault.
class RpcError : public std::exception {
 public:
  explicit RpcError(Fault f) : fault(std::move(f)) {}
  RpcError(FaultCode code) : fault(Fault::of(code)) {}
  RpcError(FaultCode code, std::string_view detail) : fault(Fault::of(code, detail)) {}
  const char* what() const noexcept override { return fault.text.c_str(); }
  Fault fault;
};

struct RpcMethod {
  std::string name;                    // "supervisor.startProcess"
  std::vector<std::string> signature;  // return type, then parameter types
  int required_params = 0;             // the rest of signature's parameters are optional
  std::string help;
  // Calls `done` exactly once, or throws RpcError before it defers.
  std::function<void(const RpcParams&, RpcDone)> handler;
};

class RpcRegistry {
 public:
  void add(RpcMethod method);
  // An alias answers exactly like `target` (getVersion, readMainLog, ...).
  void alias(const std::string& alias, const std::string& target);
  // Adds every "<from>.x" method of `other` as "<to>.x" ([rpcinterface:<to>]).
  void add_namespace(const RpcRegistry& other, const std::string& from, const std::string& to);

  // Runs `name`, answering through `done`: UNKNOWN_METHOD for names that are
  // not exactly "namespace.method" (CVE-2017-11610) or start with '_',
  // INCORRECT_PARAMETERS for a wrong number of parameters.
  void call(const std::string& name, const RpcParams& params, RpcDone done) const;

  const RpcMethod* find(const std::string& name) const;
  std::vector<std::string> names() const;  // sorted

 private:
  std::map<std::string, RpcMethod> methods_;
};

// Helpers for methods reading their parameters.
const std::string& string_param(const RpcParams& params, size_t i);
int64_t int_param(const RpcParams& params, size_t i);
bool bool_param(const RpcParams& params, size_t i, bool fallback);

}  // namespace sn
