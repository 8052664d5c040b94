#include "supervisord/deployment/package_info.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(PackageInfo, TanksAnswer) {
  auto info = parse_package_info(
      "{'artifact': 'hadoop','package_name': 'hadoop-2.0.0.tar.gz','revision': 'r123','timestamp': "
      "'20140101-120000','checksum': 'da39a3ee'}");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->package_name, "hadoop-2.0.0.tar.gz");
  EXPECT_EQ(info->version(), "r123-20140101-120000");
  EXPECT_FALSE(parse_package_info("Package Not Found").has_value());
  EXPECT_FALSE(parse_package_info("").has_value());
}

TEST(PackageInfo, LiteralsAreParsedNotEvaluated) {
  auto d = parse_python_dict(" { u'a' : \"x\\'y\" , 'n': 12, 'l': 3L, 'e': '',} ");
  EXPECT_EQ(d["a"], "x'y");
  EXPECT_EQ(d["n"], "12");
  EXPECT_EQ(d["l"], "3");
  EXPECT_EQ(d["e"], "");
  EXPECT_TRUE(parse_python_dict("{}").empty());
  for (const char* bad :
       {"{'a': __import__('os').system('id')}", "{'a': 'b'} + 1", "{'a' 'b'}", "{'a': 'b'", "{'a': ['b']}",
        "{'a': {'b': 'c'}}", "{a: 'b'}", "{'a': 'b\\x41'}", "{'a': 'b\n'}", "{'a': -}"})
    EXPECT_THROW(parse_python_dict(bad), std::runtime_error) << bad;
  EXPECT_THROW(parse_package_info("{'package_name': 'p.tar.gz', 'revision': 'r1'}"), std::runtime_error);
  EXPECT_THROW(parse_package_info("{" + std::string(70000, ' ') + "}"), std::runtime_error);
}

}  // namespace
}  // namespace sn
