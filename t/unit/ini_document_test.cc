#include "lib/config/ini_document.h"

#include <gtest/gtest.h>

#include <string>

#include "lib/config/config_error.h"
#include "test_util.h"

namespace sn {
namespace {

IniDocument parse(const std::string& text) {
  IniDocument doc;
  doc.read_string(text, "test.conf");
  return doc;
}

std::string value(const IniDocument& doc, const std::string& section, const std::string& key) {
  const IniValue* v = doc.get(section, key);
  return v ? v->value : "<missing>";
}

TEST(IniDocument, KeysAreLowerCasedAndValuesStripped) {
  IniDocument doc = parse("[program:x]\nCommand =  /bin/cat  \nAutoStart: false\n");
  EXPECT_EQ(value(doc, "program:x", "command"), "/bin/cat");
  EXPECT_EQ(value(doc, "program:x", "autostart"), "false");
}

TEST(IniDocument, SectionNamesKeepTheirCase) {
  IniDocument doc = parse("[Program:X]\na=1\n");
  EXPECT_TRUE(doc.has_section("Program:X"));
  EXPECT_FALSE(doc.has_section("program:x"));
}

TEST(IniDocument, FirstDelimiterSplits) {
  IniDocument doc = parse("[s]\nurl = http://host:9001\na:b=c\n");
  EXPECT_EQ(value(doc, "s", "url"), "http://host:9001");
  EXPECT_EQ(value(doc, "s", "a"), "b=c");
}

TEST(IniDocument, CommentLines) {
  IniDocument doc = parse("; top\n# also\n[s]\n  ; indented comment\na=1\n#b=2\n");
  EXPECT_EQ(value(doc, "s", "a"), "1");
  EXPECT_EQ(value(doc, "s", "b"), "<missing>");
}

TEST(IniDocument, InlineCommentsNeedWhitespaceBefore) {
  IniDocument doc = parse("[s]\na=b ;c\nd=e;f\ng=h #i\nj=k#l\n");
  EXPECT_EQ(value(doc, "s", "a"), "b");
  EXPECT_EQ(value(doc, "s", "d"), "e;f");
  EXPECT_EQ(value(doc, "s", "g"), "h");
  EXPECT_EQ(value(doc, "s", "j"), "k#l");
}

TEST(IniDocument, QuotesDoNotProtectFromInlineComments) {
  IniDocument doc = parse("[s]\ncommand=bash -c 'x ; y'\n");
  EXPECT_EQ(value(doc, "s", "command"), "bash -c 'x");
}

TEST(IniDocument, ContinuationLinesJoinWithNewlines) {
  IniDocument doc = parse("[s]\nfiles = a.conf\n   b.conf\n\tc.conf\nnext=1\n");
  EXPECT_EQ(value(doc, "s", "files"), "a.conf\nb.conf\nc.conf");
  EXPECT_EQ(value(doc, "s", "next"), "1");
}

TEST(IniDocument, BlankLinesInsideValuesAreKeptButTrailingOnesStripped) {
  IniDocument doc = parse("[s]\na = one\n\n  two\n\n\nb=1\n");
  EXPECT_EQ(value(doc, "s", "a"), "one\n\ntwo");
}

TEST(IniDocument, CommentLineInsideContinuationIsSkipped) {
  IniDocument doc = parse("[s]\na = one\n  ; not part of it\n  two\n");
  EXPECT_EQ(value(doc, "s", "a"), "one\ntwo");
}

TEST(IniDocument, IndentedLineAfterHeaderIsAnOption) {
  IniDocument doc = parse("[s]\n  a = 1\n    b\n");
  EXPECT_EQ(value(doc, "s", "a"), "1\nb");
}

TEST(IniDocument, DuplicateSectionsMergeAndLaterKeysWin) {
  IniDocument doc = parse("[s]\na=1\nb=2\n[t]\n[s]\na=3\n");
  EXPECT_EQ(value(doc, "s", "a"), "3");
  EXPECT_EQ(value(doc, "s", "b"), "2");
  EXPECT_EQ(doc.sections(), (std::vector<std::string>{"s", "t"}));
}

TEST(IniDocument, DefaultSectionSuppliesEveryone) {
  IniDocument doc = parse("[DEFAULT]\nautostart=false\n[s]\na=1\n[t]\nautostart=true\n");
  EXPECT_EQ(value(doc, "s", "autostart"), "false");
  EXPECT_EQ(value(doc, "t", "autostart"), "true");
  EXPECT_EQ(doc.keys("s"), (std::vector<std::string>{"a", "autostart"}));
  EXPECT_EQ(doc.sections(), (std::vector<std::string>{"s", "t"}));
}

TEST(IniDocument, ReadsVeryLongLinesExactly) {
  std::string command = "java";
  for (int i = 0; i < 600; ++i) command += " -Dkey" + std::to_string(i) + "=value" + std::to_string(i);
  ASSERT_GT(command.size(), 10000u);
  IniDocument doc = parse("[program:x]\ncommand=" + command + "\nautostart=true\n");
  EXPECT_EQ(value(doc, "program:x", "command"), command);
  EXPECT_EQ(doc.keys("program:x"), (std::vector<std::string>{"autostart", "command"}));
}

TEST(IniDocument, CrLfAndBomAreHandled) {
  IniDocument doc = parse("\xEF\xBB\xBF[s]\r\na = 1\r\nb = 2\r\n");
  EXPECT_EQ(value(doc, "s", "a"), "1");
  EXPECT_EQ(value(doc, "s", "b"), "2");
}

TEST(IniDocument, RemembersFileAndLine) {
  IniDocument doc = parse("\n[s]\n\na=1\n  more\nb=2\n");
  const IniValue* a = doc.get("s", "a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->file, "test.conf");
  EXPECT_EQ(a->line, 4);
  EXPECT_EQ(doc.get("s", "b")->line, 6);
  EXPECT_EQ(doc.section_origin("s").line, 2);
}

TEST(IniDocument, OptionBeforeAnySectionIsAnError) {
  try {
    parse("\na=1\n");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "test.conf:2: expected a [section] header before 'a=1'");
  }
}

TEST(IniDocument, LineWithoutDelimiterIsAnError) {
  try {
    parse("[s]\na=1\njunk\n");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "test.conf:3: expected 'name = value', a [section] header or a comment, got 'junk'");
  }
}

TEST(IniDocument, EmptyOptionNameIsAnError) { EXPECT_THROW(parse("[s]\n= value\n"), ConfigError); }

TEST(IniDocument, ReadFileReportsMissingFiles) {
  IniDocument doc;
  EXPECT_THROW(doc.read_file("/nonexistent/supervisord.conf"), ConfigError);
}

TEST(IniDocument, ReadFileMergesFiles) {
  test::TempDir dir;
  IniDocument doc;
  doc.read_file(dir.write("a.conf", "[s]\na=1\n"));
  doc.read_file(dir.write("b.conf", "[s]\nb=2\n[t]\nc=3\n"));
  EXPECT_EQ(value(doc, "s", "a"), "1");
  EXPECT_EQ(value(doc, "s", "b"), "2");
  EXPECT_EQ(doc.get("t", "c")->file, dir.file("b.conf"));
  EXPECT_EQ(doc.section_origin("s").file, dir.file("a.conf"));
}

}  // namespace
}  // namespace sn
