// Tested by t/unit/system_methods_test.cc, t/compat/test_xmlrpc_compat.py and
// t/integration/test_http.py (a multicall too big to hold).
// system.listMethods, methodHelp, methodSignature, multicall.
#include <memory>

#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

XmlRpcValue fault_struct(const Fault& f) {
  return XmlRpcValue(XmlRpcValue::Struct{{"faultCode", f.code}, {"faultString", f.text}});
}

// What one multicall may hold in memory for its answers (a deferred log
// stretch holds a descriptor and no text), so that repeating a big call in
// one request cannot exhaust the daemon.
constexpr size_t kMaxHeldAnswerBytes = 64 * 1024 * 1024;
constexpr size_t kMaxDeferredTexts = 64;

// About the memory `v` holds (and how many deferred texts it carries).
size_t held_bytes(const XmlRpcValue& v, size_t* deferred) {
  constexpr size_t kNode = sizeof(XmlRpcValue);
  switch (v.type()) {
    case XmlRpcValue::Type::kString:
      if (v.deferred_text()) {
        ++*deferred;
        return kNode;
      }
      return kNode + v.as_string().size();
    case XmlRpcValue::Type::kBase64:
    case XmlRpcValue::Type::kDateTime: return kNode + v.as_string().size();
    case XmlRpcValue::Type::kArray: {
      size_t n = kNode;
      for (const XmlRpcValue& item : v.as_array()) n += held_bytes(item, deferred);
      return n;
    }
    case XmlRpcValue::Type::kStruct: {
      size_t n = kNode;
      for (const auto& [name, item] : v.as_struct()) n += name.size() + held_bytes(item, deferred);
      return n;
    }
    default: return kNode;
  }
}

// Runs the calls of one multicall in order; a call that answers later
// holds back the ones after it, as in supervisor.
class Multicall : public std::enable_shared_from_this<Multicall> {
 public:
  Multicall(const RpcRegistry& registry, XmlRpcValue::Array calls, RpcDone done)
      : registry_(registry), calls_(std::move(calls)), done_(std::move(done)) {}

  void run() {
    while (next_ < calls_.size()) {
      if (held_ > kMaxHeldAnswerBytes || deferred_ > kMaxDeferredTexts) {
        std::string why = held_ > kMaxHeldAnswerBytes
                              ? "more than " + std::to_string(kMaxHeldAnswerBytes >> 20) + " MiB in memory"
                              : "more than " + std::to_string(kMaxDeferredTexts) + " log stretches open";
        return done_(RpcResult::error(Fault::of(
            FaultCode::kFailed, "system.multicall: the answers of its first " + std::to_string(next_) + " of " +
                                    std::to_string(calls_.size()) + " calls hold " + why + ": split the calls")));
      }
      const XmlRpcValue& call = calls_[next_++];
      auto self = shared_from_this();
      answered_ = false;
      starting_ = true;
      start(call, [self](RpcResult r) { self->on_answer(std::move(r)); });
      starting_ = false;
      if (!answered_) return;  // on_answer() goes on when it comes
    }
    done_(RpcResult::of(XmlRpcValue(std::move(results_))));
  }

 private:
  void on_answer(RpcResult r) {
    results_.push_back(r.ok ? std::move(r.value) : fault_struct(r.fault));
    held_ += held_bytes(results_.back(), &deferred_);
    answered_ = true;
    if (!starting_) run();  // a deferred call finished: the next ones may go
  }

  template <class Done>
  void start(const XmlRpcValue& call, Done done) {
    const XmlRpcValue* name = call.member("methodName");
    const XmlRpcValue* params = call.member("params");
    if (!name || !name->is(XmlRpcValue::Type::kString)) {
      return done(RpcResult::error(Fault::of(FaultCode::kIncorrectParameters, "No methodName")));
    }
    if (name->as_string() == "system.multicall") {
      return done(RpcResult::error(Fault::of(FaultCode::kIncorrectParameters, "Recursive system.multicall forbidden")));
    }
    if (params && !params->is(XmlRpcValue::Type::kArray)) {
      return done(RpcResult::error(Fault::of(FaultCode::kIncorrectParameters)));
    }
    registry_.call(name->as_string(), params ? params->as_array() : RpcParams{}, done);
  }

  const RpcRegistry& registry_;
  XmlRpcValue::Array calls_;
  RpcDone done_;
  XmlRpcValue::Array results_;
  size_t next_ = 0;
  size_t held_ = 0;        // about the bytes results_ holds
  size_t deferred_ = 0;    // deferred log stretches among them
  bool starting_ = false;  // inside start(): an answer now is synchronous
  bool answered_ = false;
};

}  // namespace

void add_system_methods(RpcRegistry& r, PendingCalls&) {
  r.add({"system.listMethods",
         {"array"},
         0,
         "Return an array listing the available method names.\n\n"
         "@return array result  An array of method names available (strings).",
         [&r](auto&, RpcDone done) {
           XmlRpcValue::Array names;
           for (const std::string& n : r.names()) names.emplace_back(n);
           done(RpcResult::of(XmlRpcValue(std::move(names))));
         }});

  r.add({"system.methodHelp",
         {"string", "string"},
         1,
         "Return a string showing the method's documentation.\n\n@param string name   The name of the method.\n"
         "@return string result The documentation for the method name.",
         [&r](const RpcParams& p, RpcDone done) {
           const RpcMethod* m = r.find(string_param(p, 0));
           if (!m) throw RpcError(FaultCode::kSignatureUnsupported);
           done(RpcResult::of(m->help));
         }});

  r.add({"system.methodSignature",
         {"array", "string"},
         1,
         "Return an array describing the method signature in the form [rtype, ptype, ptype...] where rtype is the "
         "return data type of the method, and ptypes are the parameter data types that the method accepts in "
         "method argument order.\n\n@param string name  The name of the method.\n@return array result  The result.",
         [&r](const RpcParams& p, RpcDone done) {
           const RpcMethod* m = r.find(string_param(p, 0));
           if (!m || m->signature.empty()) throw RpcError(FaultCode::kSignatureUnsupported);
           XmlRpcValue::Array sig;
           for (const std::string& t : m->signature) sig.emplace_back(t);
           done(RpcResult::of(XmlRpcValue(std::move(sig))));
         }});

  r.add({"system.multicall",
         {"array", "array"},
         1,
         "Process an array of calls, and return an array of results. Calls should be structs of the form "
         "{'methodName': string, 'params': array}. Each result is the value the call returned, or a struct of the "
         "form {'faultCode': int, 'faultString': string}. This is useful when you need to make lots of small calls "
         "without lots of round trips.\n\n@param array calls  An array of call requests\n"
         "@return array result  An array of results",
         [&r](const RpcParams& p, RpcDone done) {
           if (!p[0].is(XmlRpcValue::Type::kArray)) throw RpcError(FaultCode::kIncorrectParameters);
           auto m = std::make_shared<Multicall>(r, p[0].as_array(), std::move(done));
           m->run();
         }});
}

}  // namespace sn
