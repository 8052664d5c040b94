#include "lib/http/base64.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Base64, RoundTrips) {
  for (std::string s : std::initializer_list<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                          std::string("\0\xff\x80", 3)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("user:123"), "dXNlcjoxMjM=");
}

TEST(Base64, DecodeSkipsWhitespaceAndRejectsJunk) {
  EXPECT_EQ(base64_decode("dXNl\ncjox\r\nMjM="), "user:123");
  EXPECT_FALSE(base64_decode("dXNl*cjox"));
  EXPECT_FALSE(base64_decode("dX=Nl"));
  EXPECT_FALSE(base64_decode("d"));
  EXPECT_FALSE(base64_decode("dXNl==="));
}

}  // namespace
}  // namespace sn
