#include "lib/config/value_parsers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "test_util.h"

namespace sn {
namespace {

using KV = std::vector<std::pair<std::string, std::string>>;

TEST(ValueParsers, Booleans) {
  for (const char* t : {"yes", "TRUE", "on", "1"}) EXPECT_TRUE(parse_boolean(t)) << t;
  for (const char* f : {"no", "False", "OFF", "0"}) EXPECT_FALSE(parse_boolean(f)) << f;
  EXPECT_THROW(parse_boolean("maybe"), ValueError);
  EXPECT_THROW(parse_boolean(""), ValueError);
  try {
    parse_boolean("maybe");
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "expected a boolean (true/false, yes/no, on/off, 1/0), got 'maybe'");
  }
}

TEST(ValueParsers, Integers) {
  EXPECT_EQ(parse_integer(" 12 "), 12);
  EXPECT_EQ(parse_integer("-3"), -3);
  EXPECT_THROW(parse_integer("1.5"), ValueError);
  EXPECT_THROW(parse_int32("4294967296"), ValueError);
  EXPECT_EQ(parse_int32("2147483647"), 2147483647);
}

TEST(ValueParsers, ByteSizes) {
  EXPECT_EQ(parse_byte_size("1024"), 1024);
  EXPECT_EQ(parse_byte_size("1KB"), 1024);
  EXPECT_EQ(parse_byte_size("50MB"), 52428800);
  EXPECT_EQ(parse_byte_size("50mb"), 52428800);
  EXPECT_EQ(parse_byte_size("1GB"), 1073741824);
  EXPECT_EQ(parse_byte_size("0"), 0);
  EXPECT_THROW(parse_byte_size("1.5MB"), ValueError);
  EXPECT_THROW(parse_byte_size("10TB"), ValueError);
  EXPECT_THROW(parse_byte_size("MB"), ValueError);
}

TEST(ValueParsers, Octal) {
  EXPECT_EQ(parse_octal("022"), 022u);
  EXPECT_EQ(parse_octal("0700"), 0700u);
  EXPECT_EQ(parse_octal("700"), 0700u);
  EXPECT_EQ(parse_octal("0o77"), 077u);
  EXPECT_THROW(parse_octal("8"), ValueError);
  EXPECT_THROW(parse_octal(""), ValueError);
  EXPECT_THROW(parse_octal("abc"), ValueError);
}

TEST(ValueParsers, Signals) {
  EXPECT_EQ(parse_signal_value("TERM"), 15);
  EXPECT_EQ(parse_signal_value("sigkill"), 9);
  EXPECT_EQ(parse_signal_value("1"), 1);
  EXPECT_THROW(parse_signal_value("BOGUS"), ValueError);
}

TEST(ValueParsers, ExitCodes) {
  EXPECT_EQ(parse_exit_codes("0"), (std::vector<int>{0}));
  EXPECT_EQ(parse_exit_codes("0, 2,255"), (std::vector<int>{0, 2, 255}));
  EXPECT_TRUE(parse_exit_codes("").empty());
  EXPECT_THROW(parse_exit_codes("256"), ValueError);
  EXPECT_THROW(parse_exit_codes("-1"), ValueError);
  EXPECT_THROW(parse_exit_codes("1,,2"), ValueError);
  EXPECT_THROW(parse_exit_codes("a"), ValueError);
}

TEST(ValueParsers, KeyValueLists) {
  EXPECT_EQ(parse_key_value_list("A=1,B=2"), (KV{{"A", "1"}, {"B", "2"}}));
  EXPECT_EQ(parse_key_value_list("A=\"x, y\",B='z'"), (KV{{"A", "x, y"}, {"B", "z"}}));
  EXPECT_EQ(parse_key_value_list("PATH=/usr/bin:/bin,HOME=/home/x"),
            (KV{{"PATH", "/usr/bin:/bin"}, {"HOME", "/home/x"}}));
  EXPECT_EQ(parse_key_value_list("A=1, B=2"), (KV{{"A", "1"}, {"B", "2"}}));
  EXPECT_EQ(parse_key_value_list("A=1,A=2"), (KV{{"A", "2"}}));
  EXPECT_EQ(parse_key_value_list("A=\"\""), (KV{{"A", ""}}));
  EXPECT_EQ(parse_key_value_list("NAME=café"), (KV{{"NAME", "café"}}));
  EXPECT_TRUE(parse_key_value_list("").empty());
  EXPECT_EQ(parse_key_value_list("A=1,\nB=2"), (KV{{"A", "1"}, {"B", "2"}}));
}

TEST(ValueParsers, KeyValueListErrors) {
  EXPECT_THROW(parse_key_value_list("A"), ValueError);
  EXPECT_THROW(parse_key_value_list("A=1 B=2"), ValueError);
  EXPECT_THROW(parse_key_value_list("A=1,B"), ValueError);
  EXPECT_EQ(parse_key_value_list("A=$HOME"), (KV{{"A", "$"}})) << "as supervisor: quote such values";
  EXPECT_THROW(parse_key_value_list("A=\"unclosed"), ValueError);
}

TEST(ValueParsers, StringLists) {
  EXPECT_EQ(parse_string_list("a, b ,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(parse_string_list("").empty());
}

TEST(ValueParsers, AutoRestart) {
  EXPECT_EQ(parse_autorestart("unexpected"), AutoRestart::kUnexpected);
  EXPECT_EQ(parse_autorestart("Unexpected"), AutoRestart::kUnexpected);
  EXPECT_EQ(parse_autorestart("true"), AutoRestart::kAlways);
  EXPECT_EQ(parse_autorestart("on"), AutoRestart::kAlways);
  EXPECT_EQ(parse_autorestart("false"), AutoRestart::kNever);
  EXPECT_EQ(parse_autorestart("0"), AutoRestart::kNever);
  EXPECT_THROW(parse_autorestart("sometimes"), ValueError);
}

TEST(ValueParsers, Names) {
  EXPECT_EQ(parse_name("  web "), "web");
  EXPECT_THROW(parse_name("a b"), ValueError);
  EXPECT_THROW(parse_name("a:b"), ValueError);
  EXPECT_THROW(parse_name("a/b"), ValueError);
  EXPECT_THROW(parse_name(""), ValueError);
}

TEST(ValueParsers, LogLevels) {
  EXPECT_EQ(parse_log_level_value("DEBUG"), LogLevel::kDebug);
  EXPECT_THROW(parse_log_level_value("warning"), ValueError);
}

TEST(ValueParsers, InetAddresses) {
  InetAddress a = parse_inet_address("9001");
  EXPECT_EQ(a.host, "");
  EXPECT_EQ(a.port, 9001);
  a = parse_inet_address("LocalHost:9001");
  EXPECT_EQ(a.host, "localhost");
  a = parse_inet_address("*:80");
  EXPECT_EQ(a.host, "");
  a = parse_inet_address(":80");
  EXPECT_EQ(a.host, "");
  a = parse_inet_address("[::1]:9001");
  EXPECT_EQ(a.host, "::1");
  EXPECT_EQ(a.port, 9001);
  EXPECT_THROW(parse_inet_address("host:"), ValueError);
  EXPECT_THROW(parse_inet_address("0"), ValueError);
  EXPECT_THROW(parse_inet_address("65536"), ValueError);
  EXPECT_THROW(parse_inet_address("http"), ValueError);
}

TEST(ValueParsers, Users) {
  UserIds root = parse_user("root");
  EXPECT_EQ(root.uid, 0u);
  EXPECT_EQ(root.name, "root");
  EXPECT_EQ(parse_user("0").name, "root");
  EXPECT_THROW(parse_user("no-such-user-xyz"), ValueError);
  EXPECT_THROW(parse_user("987654"), ValueError);
  auto [uid, gid] = parse_user_group("root:root");
  EXPECT_EQ(uid, 0u);
  EXPECT_EQ(gid, 0u);
  EXPECT_EQ(parse_user_group("root").second, static_cast<gid_t>(-1));
  EXPECT_THROW(parse_user_group("root:no-such-group-xyz"), ValueError);
}

TEST(ValueParsers, ExistingPaths) {
  test::TempDir dir;
  EXPECT_EQ(parse_existing_dirpath(dir.file("x.log")), dir.file("x.log"));
  EXPECT_EQ(parse_existing_dirpath("relative.log"), "relative.log");
  EXPECT_THROW(parse_existing_dirpath("/nonexistent-dir/x.log"), ValueError);
  EXPECT_EQ(parse_existing_directory(dir.path()), dir.path());
  EXPECT_THROW(parse_existing_directory(dir.file("missing")), ValueError);
}

TEST(ValueParsers, PathNormalisation) {
  EXPECT_EQ(normalize_path_from("a/../b/./c", "/base"), "/base/b/c");
  EXPECT_EQ(normalize_path_from("/x//y/", "/base"), "/x/y");
  EXPECT_EQ(normalize_path_from("../..", "/a"), "/");
  const char* home = std::getenv("HOME");
  if (home) {
    EXPECT_EQ(expand_user("~/x"), std::string(home) + "/x");
  }
  EXPECT_EQ(expand_user("x/~"), "x/~");
}

TEST(ValueParsers, Urls) {
  EXPECT_EQ(parse_url("http://localhost:9001"), "http://localhost:9001");
  EXPECT_EQ(parse_url("unix:///tmp/supervisor.sock"), "unix:///tmp/supervisor.sock");
  EXPECT_THROW(parse_url("localhost"), ValueError);
  EXPECT_THROW(parse_url("http://"), ValueError);
  EXPECT_THROW(parse_url("://x"), ValueError);
}

TEST(ValueParsers, TimestampStyles) {
  using K = TimestampStyle::Kind;
  EXPECT_EQ(parse_timestamp_style("none").kind, K::kNone);
  EXPECT_EQ(parse_timestamp_style(" NONE ").kind, K::kNone);
  EXPECT_EQ(parse_timestamp_style("iso8601").kind, K::kIso8601);
  EXPECT_EQ(parse_timestamp_style("UTC").kind, K::kUtc);
  EXPECT_EQ(parse_timestamp_style("tai64n").kind, K::kTai64n);
  EXPECT_EQ(parse_timestamp_style("[%H:%M:%S]"), (TimestampStyle{K::kPattern, "[%H:%M:%S]"}));
  EXPECT_THROW(parse_timestamp_style("rfc3339"), ValueError);
  EXPECT_THROW(parse_timestamp_style("%n"), ValueError);
  EXPECT_THROW(parse_timestamp_style(std::string(160, 'x') + "%c%c"), ValueError);
}

}  // namespace
}  // namespace sn
