#include "lib/xmlrpc/xml_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "lib/xmlrpc/xml_writer.h"

namespace sn {
namespace {

using Kind = XmlRpcParseError::Kind;

std::optional<XmlRpcCall> call(const std::string& body, XmlRpcParseError* e = nullptr) {
  XmlRpcParseError ignored;
  return parse_xmlrpc_call(body, e ? e : &ignored);
}

std::string wrap(const std::string& params) {
  return "<?xml version='1.0'?><methodCall><methodName>x.y</methodName><params>" + params + "</params></methodCall>";
}

TEST(XmlReader, EveryTypeSupervisorClientsSend) {
  auto c = call(wrap(
      "<param><value><int>1</int></value></param>"
      "<param><value><i4>-2</i4></value></param>"
      "<param><value><i8>5000000000</i8></value></param>"
      "<param><value><boolean>1</boolean></value></param>"
      "<param><value><string>a &amp; b &lt;c&gt; &#233;</string></value></param>"
      "<param><value>untyped</value></param>"
      "<param><value/></param>"
      "<param><value><double>-1.25</double></value></param>"
      "<param><value><dateTime.iso8601>20260101T01:02:03</dateTime.iso8601></value></param>"
      "<param><value><base64>aGk=</base64></value></param>"
      "<param><value><nil/></value></param>"
      "<param><value><array><data><value>x</value><value><int>2</int></value></data></array></value></param>"
      "<param><value><struct><member><name>k</name><value><string>v</string></value></member></struct></value></param>"
      "<param><value><array><data/></array></value></param>"
      "<param><value><struct/></value></param>"
      "<param><value><string><![CDATA[<raw>]]></string></value></param>"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->method, "x.y");
  const auto& p = c->params;
  ASSERT_EQ(p.size(), 16u);
  EXPECT_EQ(p[0], XmlRpcValue(1));
  EXPECT_EQ(p[1], XmlRpcValue(-2));
  EXPECT_EQ(p[2], XmlRpcValue(int64_t{5000000000}));
  EXPECT_EQ(p[3], XmlRpcValue(true));
  EXPECT_EQ(p[4], XmlRpcValue("a & b <c> \xC3\xA9"));
  EXPECT_EQ(p[5], XmlRpcValue("untyped"));
  EXPECT_EQ(p[6], XmlRpcValue(""));
  EXPECT_EQ(p[7], XmlRpcValue(-1.25));
  EXPECT_EQ(p[8], XmlRpcValue::datetime("20260101T01:02:03"));
  EXPECT_EQ(p[9], XmlRpcValue::base64("hi"));
  EXPECT_EQ(p[10], XmlRpcValue());
  EXPECT_EQ(p[11], XmlRpcValue::array({"x", 2}));
  EXPECT_EQ(p[12], XmlRpcValue(XmlRpcValue::Struct{{"k", "v"}}));
  EXPECT_EQ(p[13], XmlRpcValue(XmlRpcValue::Array{}));
  EXPECT_EQ(p[14], XmlRpcValue(XmlRpcValue::Struct{}));
  EXPECT_EQ(p[15], XmlRpcValue("<raw>"));
}

TEST(XmlReader, NoParamsMeansNoArguments) {
  auto c = call("<methodCall><methodName>supervisor.getState</methodName></methodCall>");
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->params.empty());
  EXPECT_TRUE(call("<methodCall><methodName>a.b</methodName><params/></methodCall>"));
}

TEST(XmlReader, RoundTripsWhatTheWriterWrites) {
  XmlRpcValue v(XmlRpcValue::Struct{{"list", XmlRpcValue::array({1, "two", 3.5, false})}, {"s", "x<y"}});
  auto c = call(xmlrpc_call("a.b", {v, XmlRpcValue::base64(std::string("\0\1", 2))}));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->params[0], v);
  EXPECT_EQ(c->params[1], XmlRpcValue::base64(std::string("\0\1", 2)));
}

TEST(XmlReader, Responses) {
  XmlRpcParseError e;
  auto r = parse_xmlrpc_response(xmlrpc_response(XmlRpcValue::array({1, "x"})), &e);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->is_fault);
  EXPECT_EQ(r->value, XmlRpcValue::array({1, "x"}));
  auto f = parse_xmlrpc_response(xmlrpc_fault_response(Fault{10, "BAD_NAME: x"}), &e);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->is_fault);
  EXPECT_EQ(f->fault, (Fault{10, "BAD_NAME: x"}));
}

struct Case {
  const char* name;
  std::string body;
  Kind kind;
};

class XmlReaderRefuses : public ::testing::TestWithParam<Case> {};

TEST_P(XmlReaderRefuses, WithTheRightKind) {
  XmlRpcParseError e;
  EXPECT_FALSE(call(GetParam().body, &e));
  EXPECT_EQ(e.kind, GetParam().kind) << e.message;
  EXPECT_FALSE(e.message.empty());
}

std::string nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "<value><array><data>";
    close = "</data></array></value>" + close;
  }
  return wrap("<param>" + open + "<value>x</value>" + close + "</param>");
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, XmlReaderRefuses,
    ::testing::Values(
        Case{"BillionLaughs",
             "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
             "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><methodCall><methodName>&lol2;</methodName>"
             "</methodCall>",
             Kind::kHostile},
        Case{
            "Xxe",
            "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            "<methodCall><methodName>a.b</methodName><params><param><value>&xxe;</value></param></params></methodCall>",
            Kind::kHostile},
        Case{"ExternalDtd",
             "<?xml version='1.0'?><!DOCTYPE methodCall SYSTEM \"http://127.0.0.1:1/evil.dtd\">"
             "<methodCall><methodName>a.b</methodName></methodCall>",
             Kind::kHostile},
        Case{"TooDeep", nested(kXmlRpcMaxDepth + 5), Kind::kHostile},
        Case{"UndeclaredEntity", wrap("<param><value>&nope;</value></param>"), Kind::kMalformed},
        Case{"NotXml", "hello world", Kind::kMalformed}, Case{"Empty", "", Kind::kMalformed},
        Case{"Truncated", wrap("<param><value><int>1</int></value></param>").substr(0, 60), Kind::kMalformed},
        Case{"NoMethodName", "<methodCall><params/></methodCall>", Kind::kMalformed},
        Case{"EmptyMethodName", "<methodCall><methodName> </methodName></methodCall>", Kind::kMalformed},
        Case{"WrongRoot", "<methodResponse/>", Kind::kMalformed},
        Case{"BadInt", wrap("<param><value><int>12x</int></value></param>"), Kind::kMalformed},
        Case{"HugeInt", wrap("<param><value><int>99999999999999999999999</int></value></param>"), Kind::kMalformed},
        Case{"BadBool", wrap("<param><value><boolean>2</boolean></value></param>"), Kind::kMalformed},
        Case{"BadDouble", wrap("<param><value><double>1.2.3</double></value></param>"), Kind::kMalformed},
        Case{"BadBase64", wrap("<param><value><base64>!!</base64></value></param>"), Kind::kMalformed},
        Case{"UnknownType", wrap("<param><value><float>1</float></value></param>"), Kind::kMalformed},
        Case{"TwoTypes", wrap("<param><value><int>1</int><int>2</int></value></param>"), Kind::kMalformed},
        Case{"MemberWithoutValue",
             wrap("<param><value><struct><member><name>a</name></member></struct></value></param>"), Kind::kMalformed},
        Case{"ArrayWithoutData", wrap("<param><value><array/></value></param>"), Kind::kMalformed},
        Case{"TrailingJunk", "<methodCall><methodName>a.b</methodName></methodCall><x/>", Kind::kMalformed},
        Case{"BinaryJunk", std::string("\x00\xff\xfe<methodCall>", 15), Kind::kMalformed}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(XmlReader, NestingUpToTheLimitIsFine) { EXPECT_TRUE(call(nested(kXmlRpcMaxDepth - 1))); }

TEST(XmlReader, RandomMutationsNeverCrash) {
  std::string seed = xmlrpc_call("supervisor.startProcess", {"web", true, XmlRpcValue::array({1, "x"})});
  std::mt19937 rng(99);
  for (int i = 0; i < 3000; ++i) {
    std::string body = seed;
    for (int k = 0; k < 3; ++k) body[rng() % body.size()] = static_cast<char>(rng() % 256);
    XmlRpcParseError e;
    parse_xmlrpc_call(body, &e);
    parse_xmlrpc_response(body, &e);
  }
}

}  // namespace
}  // namespace sn
