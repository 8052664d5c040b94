#include "supervisord/rpc/group_operation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fake_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

class GroupOperationTest : public ::testing::Test {
 protected:
  GroupOperationTest() {
    for (const char* n : {"a", "b", "c"}) {
      ProcessConfig c;
      c.name = n;
      c.command = "/bin/true";
      configs.push_back(c);
    }
    for (const auto& c : configs) processes.push_back(std::make_unique<Process>(c, "g", host));
    for (const auto& p : processes) raw.push_back(p.get());
  }
  // Runs an operation that answers for no process at once.
  void defer_every_process() {
    run_group_operation(
        clock, raw, [](const Process&) { return true; },
        [&](Process&, const std::string&, RpcDone done) { deferred.push_back(done); },
        [&](RpcResult r) { final = std::move(r); });
    ASSERT_EQ(deferred.size(), 3u);
  }
  void settle(size_t i) { deferred.at(i)(RpcResult::of(true)); }
  // The names in the final answer, each checked to be a success struct.
  std::vector<std::string> listed_names() const {
    EXPECT_TRUE(final.ok);
    std::vector<std::string> names;
    for (const XmlRpcValue& v : final.value.as_array()) {
      const auto& members = v.as_struct();
      auto name = std::find_if(members.begin(), members.end(), [](const auto& m) { return m.first == "name"; });
      names.push_back(name == members.end() ? "" : name->second.as_string());
      EXPECT_EQ(v, success_struct(names.back(), "g"));
    }
    return names;
  }

  test::FakeProcessHost host;
  ManualClock clock;
  std::vector<RpcDone> deferred;
  RpcResult final = RpcResult::error(Fault{-1, ""});
  std::vector<ProcessConfig> configs;
  std::vector<std::unique_ptr<Process>> processes;
  std::vector<Process*> raw;
};

TEST_F(GroupOperationTest, ImmediateResultsFirstThenDeferredInCompletionOrder) {
  std::vector<RpcDone> later;
  RpcResult final = RpcResult::error(Fault{-1, ""});
  run_group_operation(
      clock, raw, [](const Process& p) { return p.name() != "c"; },
      [&](Process& p, const std::string& ns, RpcDone done) {
        EXPECT_EQ(ns, "g:" + p.name());
        if (p.name() == "a") later.push_back(done);
        else throw RpcError(FaultCode::kNotRunning, ns);
      },
      [&](RpcResult r) { final = std::move(r); });
  EXPECT_EQ(final.fault.code, -1) << "waits for the deferred one";
  ASSERT_EQ(later.size(), 1u);
  later[0](RpcResult::error(Fault::of(FaultCode::kSpawnError, "g:a")));
  ASSERT_TRUE(final.ok);
  const auto& results = final.value.as_array();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0], result_struct("b", "g", Fault::of(FaultCode::kNotRunning, "g:b")));
  EXPECT_EQ(results[1], result_struct("a", "g", Fault::of(FaultCode::kSpawnError, "g:a")));
}

TEST_F(GroupOperationTest, DeferredResultsSettlingInOnePollAreListedInProcessOrder) {
  defer_every_process();
  // c settles first, then a and b, all within supervisor's 50 ms poll.
  settle(2);
  settle(0);
  settle(1);
  EXPECT_EQ(listed_names(), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(GroupOperationTest, DeferredResultsOfLaterPollsComeAfterEarlierOnes) {
  defer_every_process();
  settle(2);
  settle(1);
  clock.advance_seconds(0.06);
  settle(0);
  EXPECT_EQ(listed_names(), (std::vector<std::string>{"b", "c", "a"}));
}

TEST_F(GroupOperationTest, NothingSelectedAnswersAnEmptyArrayAtOnce) {
  bool answered = false;
  run_group_operation(
      clock, raw, [](const Process&) { return false; }, [](Process&, const std::string&, RpcDone) {},
      [&](RpcResult r) {
        answered = true;
        EXPECT_TRUE(r.value.as_array().empty());
      });
  EXPECT_TRUE(answered);
}

TEST(GroupOperation, SuccessStruct) {
  EXPECT_EQ(success_struct("p", "g"),
            XmlRpcValue(XmlRpcValue::Struct{{"name", "p"}, {"group", "g"}, {"status", 80}, {"description", "OK"}}));
}

}  // namespace
}  // namespace sn
