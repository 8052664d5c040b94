#include "supervisord/deployment/package_info.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

std::optional<PackageInfo> parsed(std::string_view text) {
  std::optional<PackageInfo> info;
  std::string error;
  EXPECT_TRUE(parse_package_info(text, &info, &error)) << error;
  return info;
}

std::string refusal(std::string_view text) {
  std::optional<PackageInfo> info;
  std::string error;
  EXPECT_FALSE(parse_package_info(text, &info, &error)) << text;
  EXPECT_FALSE(info.has_value());
  return error;
}

std::map<std::string, std::string> dict(std::string_view text) {
  std::map<std::string, std::string> d;
  std::string error;
  EXPECT_TRUE(parse_python_dict(text, &d, &error)) << error;
  return d;
}

TEST(PackageInfo, TanksAnswer) {
  auto info = parsed(
      "{'artifact': 'hadoop','package_name': 'hadoop-2.0.0.tar.gz','revision': 'r123','timestamp': "
      "'20140101-120000','checksum': 'da39a3ee'}");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->package_name, "hadoop-2.0.0.tar.gz");
  EXPECT_EQ(info->version(), "r123-20140101-120000");
  EXPECT_FALSE(parsed("Package Not Found").has_value());
  EXPECT_FALSE(parsed("").has_value());
}

TEST(PackageInfo, LiteralsAreParsedNotEvaluated) {
  auto d = dict(" { u'a' : \"x\\'y\" , 'n': 12, 'l': 3L, 'e': '',} ");
  EXPECT_EQ(d["a"], "x'y");
  EXPECT_EQ(d["n"], "12");
  EXPECT_EQ(d["l"], "3");
  EXPECT_EQ(d["e"], "");
  EXPECT_TRUE(dict("{}").empty());
  for (const char* bad :
       {"{'a': __import__('os').system('id')}", "{'a': 'b'} + 1", "{'a' 'b'}", "{'a': 'b'", "{'a': ['b']}",
        "{'a': {'b': 'c'}}", "{a: 'b'}", "{'a': 'b\\x41'}", "{'a': 'b\n'}", "{'a': -}"}) {
    std::map<std::string, std::string> out;
    std::string error;
    EXPECT_FALSE(parse_python_dict(bad, &out, &error)) << bad;
    EXPECT_NE(error.find("package information is not a dict of strings ("), std::string::npos) << bad;
  }
  EXPECT_EQ(refusal("{'a': 'b'} + 1"),
            "package information is not a dict of strings (text after the dict at offset 11)");
  EXPECT_EQ(refusal("{'package_name': 'p.tar.gz', 'revision': 'r1'}"), "package information has no timestamp");
  EXPECT_EQ(refusal("{" + std::string(70000, ' ') + "}"), "package information is too long");
}

}  // namespace
}  // namespace sn
