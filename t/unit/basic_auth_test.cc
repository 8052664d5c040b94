#include "lib/http/basic_auth.h"

#include <gtest/gtest.h>

#include "lib/http/base64.h"

namespace sn {
namespace {

std::string header(const std::string& user_pass) { return "Basic " + base64_encode(user_pass); }

TEST(BasicAuth, PlainPassword) {
  BasicAuth auth("user", "123");
  std::string ok = header("user:123");
  EXPECT_TRUE(auth.allows(&ok));
  std::string wrong = header("user:124"), other = header("root:123"), lower = "basic " + base64_encode("user:123");
  EXPECT_FALSE(auth.allows(&wrong));
  EXPECT_FALSE(auth.allows(&other));
  EXPECT_TRUE(auth.allows(&lower)) << "the scheme is case-insensitive";
  EXPECT_FALSE(auth.allows(nullptr));
}

TEST(BasicAuth, ShaPassword) {
  BasicAuth auth("user", "{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d");
  std::string ok = header("user:thepassword"), literal = header("user:{SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d");
  EXPECT_TRUE(auth.allows(&ok));
  EXPECT_FALSE(auth.allows(&literal));
  BasicAuth upper("user", "{SHA}82AB876D1387BFAFE46CC1C8A2EF074EAE50CB1D");
  EXPECT_TRUE(upper.allows(&ok));
}

TEST(BasicAuth, PasswordsMayHoldColons) {
  BasicAuth auth("user", "a:b");
  std::string ok = header("user:a:b");
  EXPECT_TRUE(auth.allows(&ok));
}

TEST(BasicAuth, MalformedHeadersAreRefused) {
  BasicAuth auth("user", "123");
  for (std::string h : std::initializer_list<std::string>{"", "Basic", "Basic !!!",
                                                          "Bearer dXNlcjoxMjM=", "Basic " + base64_encode("nocolon"),
                                                          "Digest username=user"}) {
    EXPECT_FALSE(auth.allows(&h)) << h;
  }
}

TEST(BasicAuth, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
}

}  // namespace
}  // namespace sn
