#include "supervisorctl/answer_fields.h"

#include <gtest/gtest.h>

#include "lib/rpc/rpc_client.h"

namespace sn {
namespace {

TEST(AnswerFields, ReadsMembersOfTheExpectedTypes) {
  XmlRpcValue v(XmlRpcValue::Struct{{"name", "x"}, {"pid", 12}, {"inuse", true}, {"prio", "7"}});
  EXPECT_EQ(string_field(v, "name"), "x");
  EXPECT_EQ(int_field(v, "pid"), 12);
  EXPECT_EQ(int_field(v, "inuse"), 1);
  EXPECT_TRUE(flag_field(v, "inuse"));
  EXPECT_EQ(text_field(v, "pid"), "12");
  EXPECT_EQ(text_field(v, "prio"), "7");
}

TEST(AnswerFields, AWrongShapeIsATransportErrorNotACrash) {
  XmlRpcValue v(XmlRpcValue::Struct{{"name", 3}});
  EXPECT_THROW(string_field(v, "name"), TransportError);
  EXPECT_THROW(string_field(v, "missing"), TransportError);
  EXPECT_THROW(int_field(XmlRpcValue("s"), "x"), TransportError);
  EXPECT_THROW(array_answer(XmlRpcValue(1)), TransportError);
  EXPECT_THROW(string_answer(XmlRpcValue()), TransportError);
  EXPECT_THROW(int_answer(XmlRpcValue("1")), TransportError);
}

TEST(AnswerFields, PadsByCharactersLikePython) {
  EXPECT_EQ(pad_right("ab", 4), "ab  ");
  EXPECT_EQ(pad_right("abcdef", 4), "abcdef");
  EXPECT_EQ(pad_right("h\xc3\xa9", 3), "h\xc3\xa9 ");
}

}  // namespace
}  // namespace sn
