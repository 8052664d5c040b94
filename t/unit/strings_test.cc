#include "lib/util/strings.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Strings, TrimRemovesSurroundingWhitespace) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
}

TEST(Strings, CaseHelpers) {
  EXPECT_EQ(to_lower("AbC-9"), "abc-9");
  EXPECT_EQ(to_upper("aBc_9"), "ABC_9");
  EXPECT_TRUE(iequals("TERM", "term"));
  EXPECT_FALSE(iequals("TERM", "terms"));
}

TEST(Strings, SplitKeepsEmptyFields) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}

TEST(Strings, SplitWhitespaceDropsEmptyFields) {
  EXPECT_EQ(split_whitespace("  a\n b\tc  "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_whitespace(" \n ").empty());
}

TEST(Strings, JoinUsesSeparator) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join({}, ", "), "");
}

TEST(Strings, ParsePythonIntAcceptsWhatIntAccepts) {
  EXPECT_EQ(parse_python_int(" 42 "), 42);
  EXPECT_EQ(parse_python_int("-7"), -7);
  EXPECT_EQ(parse_python_int("+7"), 7);
  EXPECT_EQ(parse_python_int("1_000"), 1000);
  EXPECT_FALSE(parse_python_int("1__0"));
  EXPECT_FALSE(parse_python_int("_1"));
  EXPECT_FALSE(parse_python_int("1_"));
  EXPECT_FALSE(parse_python_int("1.5"));
  EXPECT_FALSE(parse_python_int(""));
  EXPECT_FALSE(parse_python_int("abc"));
  EXPECT_FALSE(parse_python_int("99999999999999999999"));
}

TEST(Strings, PyReprQuotesLikePython) {
  EXPECT_EQ(py_repr("foo"), "'foo'");
  EXPECT_EQ(py_repr("it's"), "\"it's\"");
  EXPECT_EQ(py_repr("a'b\"c"), "'a\\'b\"c'");
  EXPECT_EQ(py_repr("tab\there\n"), "'tab\\there\\n'");
  EXPECT_EQ(py_repr(std::string("\x01", 1)), "'\\x01'");
}

}  // namespace
}  // namespace sn
