#include "lib/config/section_reader.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

class SectionReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc.read_string("[s]\nname=%(x)s\nport=80\nbad=oops\n", "/etc/main.conf");
    doc.read_string("[s]\ninc=%(here)s\n", "/etc/conf.d/more.conf");
  }
  IniDocument doc;
  Expansions names{{"x", std::string("ex")}, {"here", std::string("/etc")}};
};

TEST_F(SectionReaderTest, ExpandsValuesAndDefaults) {
  SectionReader r(doc, "s");
  EXPECT_EQ(r.get("name", names), "ex");
  EXPECT_FALSE(r.get("missing", names));
  EXPECT_EQ(r.get_or("missing", "%(x)s-default", names), "ex-default");
  EXPECT_EQ(r.get_raw("name"), "%(x)s");
}

TEST_F(SectionReaderTest, HereIsTheDirectoryOfTheDefiningFile) {
  SectionReader r(doc, "s");
  EXPECT_EQ(r.get("inc", names), "/etc/conf.d");
}

TEST_F(SectionReaderTest, ParseWrapsErrorsWithTheLocation) {
  SectionReader r(doc, "s");
  EXPECT_EQ(r.parse("port", "0", names, parse_int32), 80);
  try {
    r.parse("bad", "0", names, parse_int32);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "/etc/main.conf:4: [s] bad: expected an integer, got 'oops'");
  }
}

TEST_F(SectionReaderTest, MissingOptionsPointAtTheSection) {
  SectionReader r(doc, "s");
  EXPECT_EQ(r.where("absent").describe(), "/etc/main.conf:1: [s] absent");
}

TEST(DirectoryOf, PythonDirname) {
  EXPECT_EQ(directory_of("/etc/x.conf"), "/etc");
  EXPECT_EQ(directory_of("/x.conf"), "/");
  EXPECT_EQ(directory_of("x.conf"), ".");
}

}  // namespace
}  // namespace sn
