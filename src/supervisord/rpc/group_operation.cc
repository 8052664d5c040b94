#include "supervisord/rpc/group_operation.h"

#include <algorithm>
#include <memory>
#include <tuple>

#include "supervisord/rpc/process_lookup.h"

namespace sn {

XmlRpcValue result_struct(const std::string& name, const std::string& group, const Fault& fault) {
  return XmlRpcValue(
      XmlRpcValue::Struct{{"name", name}, {"group", group}, {"status", fault.code}, {"description", fault.text}});
}

XmlRpcValue success_struct(const std::string& name, const std::string& group) {
  return result_struct(name, group, Fault{static_cast<int>(FaultCode::kSuccess), "OK"});
}

namespace {

// supervisor polls the deferred operations of one call every 50 ms and lists
// those that settled in the same poll in process order.
constexpr int64_t kSupervisorPollNs = 50'000'000;

struct DeferredResult {
  int64_t poll;
  size_t position;
  XmlRpcValue value;
};

}  // namespace

void run_group_operation(const Clock& clock, const std::vector<Process*>& processes,
                         const std::function<bool(const Process&)>& selected, const ProcessOperation& operation,
                         RpcDone done) {
  // Results ready during the first pass come first, in process order; the
  // deferred ones follow as supervisor would list them.
  struct Progress {
    Progress(const Clock& c, RpcDone d) : clock(c), began(c.monotonic_ns()), done(std::move(d)) {}
    const Clock& clock;
    int64_t began;
    RpcDone done;
    XmlRpcValue::Array results;
    std::vector<DeferredResult> deferred;
    bool first_pass = true;
    int outstanding = 1;  // the first pass counts as one until it ends
    void add(size_t position, XmlRpcValue result) {
      if (first_pass) return results.push_back(std::move(result));
      int64_t poll = (clock.monotonic_ns() - began) / kSupervisorPollNs;
      deferred.push_back({poll, position, std::move(result)});
    }
    void finish_one() {
      if (--outstanding > 0) return;
      std::sort(deferred.begin(), deferred.end(), [](const DeferredResult& a, const DeferredResult& b) {
        return std::tie(a.poll, a.position) < std::tie(b.poll, b.position);
      });
      for (DeferredResult& d : deferred) results.push_back(std::move(d.value));
      done(RpcResult::of(XmlRpcValue(std::move(results))));
    }
  };
  auto progress = std::make_shared<Progress>(clock, std::move(done));
  for (size_t position = 0; position < processes.size(); ++position) {
    Process* p = processes[position];
    if (!selected(*p)) continue;
    std::string name = p->name(), group = p->group_name();
    ++progress->outstanding;
    auto answered = std::make_shared<bool>(false);
    RpcDone one = [progress, name, group, answered, position](RpcResult r) {
      if (*answered) return;
      *answered = true;
      progress->add(position, r.ok ? success_struct(name, group) : result_struct(name, group, r.fault));
      progress->finish_one();
    };
    try {
      operation(*p, make_namespec(group, name), one);
    } catch (const RpcError& e) {
      one(RpcResult::error(e.fault));
    }
  }
  progress->first_pass = false;
  progress->finish_one();
}

}  // namespace sn
