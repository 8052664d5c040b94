#include "supervisord/rpc/group_operation.h"

#include <memory>

#include "supervisord/rpc/process_lookup.h"

namespace sn {

XmlRpcValue result_struct(const std::string& name, const std::string& group, const Fault& fault) {
  return XmlRpcValue(
      XmlRpcValue::Struct{{"name", name}, {"group", group}, {"status", fault.code}, {"description", fault.text}});
}

XmlRpcValue success_struct(const std::string& name, const std::string& group) {
  return result_struct(name, group, Fault{static_cast<int>(FaultCode::kSuccess), "OK"});
}

void run_group_operation(const std::vector<Process*>& processes, const std::function<bool(const Process&)>& selected,
                         const ProcessOperation& operation, RpcDone done) {
  struct Progress {
    XmlRpcValue::Array results;
    int outstanding = 1;  // the loop below counts as one until it ends
    RpcDone done;
    void finish_one() {
      if (--outstanding == 0) done(RpcResult::of(XmlRpcValue(std::move(results))));
    }
  };
  auto progress = std::make_shared<Progress>();
  progress->done = std::move(done);
  for (Process* p : processes) {
    if (!selected(*p)) continue;
    std::string name = p->name(), group = p->group_name();
    ++progress->outstanding;
    auto answered = std::make_shared<bool>(false);
    RpcDone one = [progress, name, group, answered](RpcResult r) {
      if (*answered) return;
      *answered = true;
      progress->results.push_back(r.ok ? success_struct(name, group) : result_struct(name, group, r.fault));
      progress->finish_one();
    };
    try {
      operation(*p, make_namespec(group, name), one);
    } catch (const RpcError& e) {
      one(RpcResult::error(e.fault));
    }
  }
  progress->finish_one();
}

}  // namespace sn
