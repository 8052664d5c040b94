// system.* methods, multicall's ordering with deferred calls in particular.
#include <gtest/gtest.h>

#include "supervisord/rpc/rpc_context.h"

namespace sn {
namespace {

class SystemMethodsTest : public ::testing::Test {
 protected:
  SystemMethodsTest() : loop(clock), pending(loop) {
    r.add({"t.now", {"int"}, 0, "help text\n@return int x", [](auto&, RpcDone d) { d(RpcResult::of(1)); }});
    r.add({"t.later", {"string"}, 0, "", [this](auto&, RpcDone d) { deferred.push_back(d); }});
    r.add({"t.fail", {"int"}, 0, "", [](auto&, RpcDone) { throw RpcError(FaultCode::kFailed, "boom"); }});
    r.add({"t.big", {"string"}, 0, "", [](auto&, RpcDone d) { d(RpcResult::of(std::string(1 << 20, 'b'))); }});
    add_system_methods(r, pending);
  }
  RpcResult call(const std::string& name, RpcParams params) {
    RpcResult out = RpcResult::error(Fault{-1, "pending"});
    r.call(name, params, [&out](RpcResult res) { out = std::move(res); });
    return out;
  }
  static XmlRpcValue c(const std::string& name) { return XmlRpcValue(XmlRpcValue::Struct{{"methodName", name}}); }

  ManualClock clock;
  EventLoop loop;
  PendingCalls pending;
  RpcRegistry r;
  std::vector<RpcDone> deferred;
};

TEST_F(SystemMethodsTest, Introspection) {
  RpcResult names = call("system.listMethods", {});
  ASSERT_TRUE(names.ok);
  EXPECT_EQ(names.value.as_array().front(), XmlRpcValue("system.listMethods"));
  EXPECT_EQ(call("system.methodHelp", {"t.now"}).value, XmlRpcValue("help text\n@return int x"));
  EXPECT_EQ(call("system.methodHelp", {"t.nope"}).fault, Fault::of(FaultCode::kSignatureUnsupported));
  EXPECT_EQ(call("system.methodSignature", {"system.multicall"}).value, XmlRpcValue::array({"array", "array"}));
  EXPECT_EQ(call("system.methodSignature", {"t.nope"}).fault, Fault::of(FaultCode::kSignatureUnsupported));
}

TEST_F(SystemMethodsTest, MulticallReturnsBareValuesAndFaultStructs) {
  XmlRpcValue bad_params(XmlRpcValue::Struct{{"methodName", "t.now"}, {"params", "notalist"}});
  RpcResult res = call("system.multicall", {XmlRpcValue::array({c("t.now"), c("t.fail"), c("system.multicall"),
                                                                XmlRpcValue(XmlRpcValue::Struct{}), bad_params})});
  ASSERT_TRUE(res.ok);
  auto fault = [](int code, const std::string& text) {
    return XmlRpcValue(XmlRpcValue::Struct{{"faultCode", code}, {"faultString", text}});
  };
  EXPECT_EQ(res.value,
            XmlRpcValue::array({1, fault(30, "FAILED: boom"),
                                fault(2, "INCORRECT_PARAMETERS: Recursive system.multicall forbidden"),
                                fault(2, "INCORRECT_PARAMETERS: No methodName"), fault(2, "INCORRECT_PARAMETERS")}));
}

TEST_F(SystemMethodsTest, DeferredCallHoldsBackTheRest) {
  RpcResult res = call("system.multicall", {XmlRpcValue::array({c("t.now"), c("t.later"), c("t.later")})});
  EXPECT_EQ(res.fault.code, -1);
  ASSERT_EQ(deferred.size(), 1u) << "the second deferred call has not started yet";
  deferred[0](RpcResult::of("first"));
  ASSERT_EQ(deferred.size(), 2u);
  EXPECT_EQ(res.fault.code, -1);
  deferred[1](RpcResult::of("second"));
  ASSERT_TRUE(res.ok);
  EXPECT_EQ(res.value, XmlRpcValue::array({1, "first", "second"}));
}

TEST_F(SystemMethodsTest, AMulticallWhoseAnswersWouldHoldTooMuchIsRefusedWithWhy) {
  XmlRpcValue::Array calls(100, c("t.big"));  // 100 MiB of answers
  RpcResult res = call("system.multicall", {XmlRpcValue(calls)});
  ASSERT_FALSE(res.ok);
  EXPECT_EQ(res.fault.code, static_cast<int>(FaultCode::kFailed));
  EXPECT_NE(res.fault.text.find("hold more than 64 MiB in memory: split the calls"), std::string::npos)
      << res.fault.text;
  XmlRpcValue::Array fewer(50, c("t.big"));
  EXPECT_TRUE(call("system.multicall", {XmlRpcValue(fewer)}).ok);
}

TEST_F(SystemMethodsTest, MulticallNeedsAnArray) {
  EXPECT_EQ(call("system.multicall", {"x"}).fault, Fault::of(FaultCode::kIncorrectParameters));
  EXPECT_EQ(call("system.multicall", {XmlRpcValue::array({})}).value, XmlRpcValue(XmlRpcValue::Array{}));
}

}  // namespace
}  // namespace sn
