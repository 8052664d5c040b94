#include "lib/xmlrpc/value.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(XmlRpcValue, TypesAndAccessors) {
  EXPECT_EQ(XmlRpcValue().type(), XmlRpcValue::Type::kNil);
  EXPECT_EQ(XmlRpcValue(true).type(), XmlRpcValue::Type::kBool);
  EXPECT_EQ(XmlRpcValue(3).as_int(), 3);
  EXPECT_EQ(XmlRpcValue(int64_t{1} << 40).as_int(), int64_t{1} << 40);
  EXPECT_EQ(XmlRpcValue(1.5).as_double(), 1.5);
  EXPECT_EQ(XmlRpcValue("s").as_string(), "s");
  EXPECT_EQ(XmlRpcValue::base64("\x01").as_string(), "\x01");
  EXPECT_EQ(XmlRpcValue::base64("x").type(), XmlRpcValue::Type::kBase64);
  EXPECT_EQ(XmlRpcValue::datetime("20260101T00:00:00").type(), XmlRpcValue::Type::kDateTime);
  XmlRpcValue s(XmlRpcValue::Struct{{"a", 1}, {"b", "x"}});
  ASSERT_TRUE(s.member("b"));
  EXPECT_EQ(s.member("b")->as_string(), "x");
  EXPECT_EQ(s.member("c"), nullptr);
  EXPECT_EQ(XmlRpcValue(1).member("a"), nullptr);
  EXPECT_THROW(XmlRpcValue(1).as_string(), std::bad_variant_access);
}

TEST(XmlRpcValue, Truthiness) {
  EXPECT_FALSE(XmlRpcValue().truthy());
  EXPECT_FALSE(XmlRpcValue(0).truthy());
  EXPECT_FALSE(XmlRpcValue("").truthy());
  EXPECT_TRUE(XmlRpcValue("0").truthy());
  EXPECT_TRUE(XmlRpcValue(true).truthy());
  EXPECT_FALSE(XmlRpcValue(XmlRpcValue::Array{}).truthy());
}

}  // namespace
}  // namespace sn
