#include "supervisord/rpc/group_operation.h"

#include <gtest/gtest.h>

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
  test::FakeProcessHost host;
  ManualClock clock;
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
  std::vector<RpcDone> later;
  RpcResult final = RpcResult::error(Fault{-1, ""});
  run_group_operation(
      clock, raw, [](const Process&) { return true; },
      [&](Process&, const std::string&, RpcDone done) { later.push_back(done); },
      [&](RpcResult r) { final = std::move(r); });
  ASSERT_EQ(later.size(), 3u);
  // c settles first, then a and b, all within supervisor's 50 ms poll.
  later[2](RpcResult::of(true));
  later[0](RpcResult::of(true));
  later[1](RpcResult::of(true));
  ASSERT_TRUE(final.ok);
  const auto& results = final.value.as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], success_struct("a", "g"));
  EXPECT_EQ(results[1], success_struct("b", "g"));
  EXPECT_EQ(results[2], success_struct("c", "g"));
}

TEST_F(GroupOperationTest, DeferredResultsOfLaterPollsComeAfterEarlierOnes) {
  std::vector<RpcDone> later;
  RpcResult final = RpcResult::error(Fault{-1, ""});
  run_group_operation(
      clock, raw, [](const Process&) { return true; },
      [&](Process&, const std::string&, RpcDone done) { later.push_back(done); },
      [&](RpcResult r) { final = std::move(r); });
  later[2](RpcResult::of(true));
  later[1](RpcResult::of(true));
  clock.advance_seconds(0.06);
  later[0](RpcResult::of(true));
  ASSERT_TRUE(final.ok);
  const auto& results = final.value.as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], success_struct("b", "g"));
  EXPECT_EQ(results[1], success_struct("c", "g"));
  EXPECT_EQ(results[2], success_struct("a", "g"));
}

TEST_F(GroupOperationTest, NothingSelectedAnswersAnEmptyArrayAtOnce) {
  bool answered = false;
  run_group_operation(clock, raw, [](const Process&) { return false; }, [](Process&, const std::string&, RpcDone) {},
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
