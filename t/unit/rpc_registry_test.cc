#include "supervisord/rpc/rpc_registry.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

RpcResult call(const RpcRegistry& r, const std::string& name, RpcParams params = {}) {
  RpcResult out = RpcResult::error(Fault{-1, "no answer"});
  r.call(name, params, [&out](RpcResult res) { out = std::move(res); });
  return out;
}

class RpcRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r.add({"ns.echo", {"string", "string", "int"}, 1, "help", [](const RpcParams& p, RpcDone done) {
             done(RpcResult::of(string_param(p, 0) + std::to_string(p.size() > 1 ? int_param(p, 1) : 0)));
           }});
    r.add({"ns.fail", {"boolean"}, 0, "", [](auto&, RpcDone) { throw RpcError(FaultCode::kBadName, "x"); }});
    r.add({"ns.twice", {"boolean"}, 0, "", [](auto&, RpcDone done) {
             done(RpcResult::of(true));
             done(RpcResult::of(false));
           }});
    r.add({"ns.late_throw", {"boolean"}, 0, "", [](auto&, RpcDone done) {
             done(RpcResult::of(true));
             throw RpcError(FaultCode::kFailed);
           }});
  }
  RpcRegistry r;
};

TEST_F(RpcRegistryTest, CallsAndArity) {
  EXPECT_EQ(call(r, "ns.echo", {"a"}).value, XmlRpcValue("a0"));
  EXPECT_EQ(call(r, "ns.echo", {"a", 5}).value, XmlRpcValue("a5"));
  EXPECT_EQ(call(r, "ns.echo", {"a", "7"}).value, XmlRpcValue("a7")) << "numeric strings are ints, as int() does";
  EXPECT_EQ(call(r, "ns.echo").fault, Fault::of(FaultCode::kIncorrectParameters));
  EXPECT_EQ(call(r, "ns.echo", {"a", 1, 2}).fault, Fault::of(FaultCode::kIncorrectParameters));
  EXPECT_EQ(call(r, "ns.echo", {1}).fault, Fault::of(FaultCode::kIncorrectParameters));
  EXPECT_EQ(call(r, "ns.echo", {"a", "x"}).fault, Fault::of(FaultCode::kIncorrectParameters));
}

TEST_F(RpcRegistryTest, NamesMustBeExactlyNamespaceDotMethod) {
  for (const char* bad : {"ns", "ns.", ".echo", "ns.echo.x", "ns._private", "other.echo", ""}) {
    EXPECT_EQ(call(r, bad, {"a"}).fault, Fault::of(FaultCode::kUnknownMethod)) << bad;
  }
}

TEST_F(RpcRegistryTest, ThrownErrorsBecomeFaults) { EXPECT_EQ(call(r, "ns.fail").fault, (Fault{10, "BAD_NAME: x"})); }

TEST_F(RpcRegistryTest, AnswersOnce) {
  int answers = 0;
  r.call("ns.twice", {}, [&](RpcResult res) {
    ++answers;
    EXPECT_TRUE(res.value.as_bool());
  });
  r.call("ns.late_throw", {}, [&](RpcResult res) {
    ++answers;
    EXPECT_TRUE(res.ok);
  });
  EXPECT_EQ(answers, 2);
}

TEST_F(RpcRegistryTest, AliasesAndNamespaces) {
  r.alias("ns.echo2", "ns.echo");
  EXPECT_EQ(call(r, "ns.echo2", {"b"}).value, XmlRpcValue("b0"));
  RpcRegistry other;
  other.add_namespace(r, "ns", "renamed");
  EXPECT_EQ(call(other, "renamed.echo", {"c"}).value, XmlRpcValue("c0"));
  EXPECT_EQ(call(other, "ns.echo", {"c"}).fault.code, 1);
  EXPECT_EQ(r.names(), (std::vector<std::string>{"ns.echo", "ns.echo2", "ns.fail", "ns.late_throw", "ns.twice"}));
  ASSERT_TRUE(r.find("ns.echo"));
  EXPECT_EQ(r.find("ns.echo")->help, "help");
}

TEST(RpcParams, BoolParamIsPythonTruthiness) {
  RpcParams p{0, "", "x", true};
  EXPECT_FALSE(bool_param(p, 0, true));
  EXPECT_FALSE(bool_param(p, 1, true));
  EXPECT_TRUE(bool_param(p, 2, false));
  EXPECT_TRUE(bool_param(p, 3, false));
  EXPECT_TRUE(bool_param(p, 9, true)) << "absent: the default";
}

}  // namespace
}  // namespace sn
