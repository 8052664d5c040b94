#include "lib/xmlrpc/xml_writer.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(XmlWriter, ResponseLayoutMatchesPython) {
  EXPECT_EQ(xmlrpc_response(XmlRpcValue("3.0")),
            "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>3.0</string></value>\n"
            "</param>\n</params>\n</methodResponse>\n");
  EXPECT_EQ(xmlrpc_response(XmlRpcValue(XmlRpcValue::Struct{{"statecode", 1}, {"statename", "RUNNING"}})),
            "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n"
            "<name>statecode</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>statename</name>\n"
            "<value><string>RUNNING</string></value>\n</member>\n</struct></value>\n</param>\n</params>\n"
            "</methodResponse>\n");
}

TEST(XmlWriter, FaultLayoutMatchesPython) {
  EXPECT_EQ(xmlrpc_fault_response(Fault{10, "BAD_NAME: x"}),
            "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
            "<value><int>10</int></value>\n</member>\n<member>\n<name>faultString</name>\n"
            "<value><string>BAD_NAME: x</string></value>\n</member>\n</struct></value>\n</fault>\n"
            "</methodResponse>\n");
}

TEST(XmlWriter, ScalarsAndArrays) {
  std::string out =
      xmlrpc_response(XmlRpcValue::array({true, 0, int64_t{5000000000}, 1.5, 2.0, XmlRpcValue(),
                                          XmlRpcValue::base64("hi"), XmlRpcValue::datetime("20260101T01:02:03")}));
  EXPECT_NE(out.find("<value><boolean>1</boolean></value>\n<value><int>0</int></value>\n"
                     "<value><i8>5000000000</i8></value>\n<value><double>1.5</double></value>\n"
                     "<value><double>2.0</double></value>\n<value><nil/></value>\n"
                     "<value><base64>\naGk=\n</base64></value>\n"
                     "<value><dateTime.iso8601>20260101T01:02:03</dateTime.iso8601></value>\n"),
            std::string::npos)
      << out;
}

TEST(XmlWriter, EscapesMarkup) {
  std::string s;
  append_xml_text(&s, "a<b>&c\"'");
  EXPECT_EQ(s, "a&lt;b&gt;&amp;c\"'");
}

TEST(XmlWriter, TextIsAlwaysWellFormed) {
  std::string s;
  append_xml_text(&s, std::string("ok\x1b[31mred\x01\x00tab\t\n\r", 18));
  EXPECT_EQ(s, "ok\xEF\xBF\xBD[31mred\xEF\xBF\xBD\xEF\xBF\xBDtab\t\n\r");
  s.clear();
  append_xml_text(&s, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");  // valid UTF-8 stays
  EXPECT_EQ(s, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  s.clear();
  append_xml_text(&s, "bad \xC3 end \xff\xfe \xED\xA0\x80 \xEF\xBF\xBE");  // truncated, invalid, surrogate, U+FFFE
  EXPECT_EQ(s.find("\xC3 "), std::string::npos);
  EXPECT_EQ(s.find('\xff'), std::string::npos);
  EXPECT_EQ(s.find("\xED\xA0\x80"), std::string::npos);
  EXPECT_EQ(s.find("\xEF\xBF\xBE"), std::string::npos);
}

TEST(XmlWriter, MethodCall) {
  EXPECT_EQ(xmlrpc_call("supervisor.getState", {}),
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>supervisor.getState</methodName>\n<params>\n"
            "</params>\n</methodCall>\n");
}

}  // namespace
}  // namespace sn
