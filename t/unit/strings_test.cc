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

TEST(Strings, PythonBytesRepr) {
  EXPECT_EQ(py_bytes_repr("caf\xc3\xa9"), "b'caf\\xc3\\xa9'");
  EXPECT_EQ(py_bytes_repr("it's\n"), "b\"it's\\n\"");
  EXPECT_EQ(py_bytes_repr(std::string("\0\x7f", 2)), "b'\\x00\\x7f'");
  // Text is quoted as text; anything else as bytes, never raw.
  EXPECT_EQ(safe_repr("caf\xc3\xa9"), "'caf\xc3\xa9'");
  EXPECT_EQ(safe_repr("bad\xff\xfe"), "b'bad\\xff\\xfe'");
}

TEST(Strings, Utf8ValidityAsPythonDecodesIt) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // cut short
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(utf8_char_count("caf\xc3\xa9"), 4u);
}

}  // namespace
}  // namespace sn
