#include "lib/config/ini_value_writer.h"

#include <gtest/gtest.h>

#include "lib/config/ini_document.h"
#include "lib/config/py_format.h"

namespace sn {
namespace {

// What the daemon's loader makes of "key = <text>": the INI reader, then
// supervisor's % expansion.
std::string read_back(const std::string& text) {
  IniDocument doc;
  doc.read_string("[program:x]\nkey = " + text + "\nnext = 1\n", "test.conf");
  const IniValue* v = doc.get("program:x", "key");
  EXPECT_NE(v, nullptr);
  EXPECT_EQ(doc.get("program:x", "next")->value, "1");  // nothing spilled over
  return py_format(v ? v->value : "", Expansions{{"here", std::string("/etc")}}, "program:x.key");
}

TEST(IniValueWriter, EveryPrintableCharacterReadsBackAsWritten) {
  std::string all;
  for (int c = 0x20; c < 0x7f; ++c) all += static_cast<char>(c);
  std::string inner = all.substr(1, all.size() - 2);  // no space at the ends
  // ";" and "#" are fine when no whitespace comes before them.
  for (std::string value :
       {std::string("http://h/a%20b"), std::string("100%"), std::string("%(here)s"), std::string("%%"),
        std::string("a;b#c"), std::string("x=y:z"), std::string("[s]"), std::string("\"quoted\" 'single'"),
        std::string("tab\tinside"), std::string("caf\xc3\xa9 \xe2\x82\xac"), std::string("\xff\xfe not UTF-8"),
        std::string(10000, 'L'), std::string()}) {
    std::string why;
    std::optional<std::string> text = ini_value_text(value, &why);
    ASSERT_TRUE(text) << value << ": " << why;
    EXPECT_EQ(read_back(*text), value);
  }
  std::string why;
  std::string without_comments;
  for (char c : inner) without_comments += (c == ';' || c == '#') ? 'x' : c;
  std::optional<std::string> text = ini_value_text(without_comments, &why);
  ASSERT_TRUE(text) << why;
  EXPECT_EQ(read_back(*text), without_comments);
}

TEST(IniValueWriter, WhatTheDialectCannotHoldIsRefusedWithTheReason) {
  struct Case {
    std::string value;
    const char* why;
  } cases[] = {
      {"a\nb", "control character (code 10)"},
      {"a\rb", "control character (code 13)"},
      {std::string("a\0b", 3), "control character (code 0)"},
      {"a\x1f", "control character (code 31)"},
      {"a\x7f", "control character (code 127)"},
      {"http://h/a ;b", "would begin a comment"},
      {"http://h/a\t#b", "would begin a comment"},
      {";x", "would begin a comment"},
      {"#x", "would begin a comment"},
      {" lead", "starts or ends with whitespace"},
      {"trail\t", "starts or ends with whitespace"},
  };
  for (const Case& c : cases) {
    std::string why;
    EXPECT_FALSE(ini_value_text(c.value, &why)) << c.value;
    EXPECT_NE(why.find(c.why), std::string::npos) << c.value << ": " << why;
  }
}

}  // namespace
}  // namespace sn
