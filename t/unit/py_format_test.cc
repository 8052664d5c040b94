#include "lib/config/py_format.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

Expansions names() {
  return {{"program_name", std::string("web")}, {"process_num", int64_t{3}}, {"here", std::string("/etc")}};
}

std::string fmt(const std::string& f) { return py_format(f, names(), "program:web.command"); }

TEST(PyFormat, ExpandsNamedStrings) {
  EXPECT_EQ(fmt("%(here)s/%(program_name)s.log"), "/etc/web.log");
  EXPECT_EQ(fmt("no percent"), "no percent");
}

TEST(PyFormat, IntegersWithWidthsAndFlags) {
  EXPECT_EQ(fmt("%(process_num)d"), "3");
  EXPECT_EQ(fmt("%(process_num)02d"), "03");
  EXPECT_EQ(fmt("%(process_num)3d|"), "  3|");
  EXPECT_EQ(fmt("%(process_num)-3d|"), "3  |");
  EXPECT_EQ(fmt("%(process_num)x"), "3");
  EXPECT_EQ(fmt("%(process_num)s"), "3");
  EXPECT_EQ(fmt("%(process_num)i"), "3");
}

TEST(PyFormat, StringWidthAndPrecision) {
  EXPECT_EQ(fmt("[%(program_name)5s]"), "[  web]");
  EXPECT_EQ(fmt("[%(program_name)-5s]"), "[web  ]");
  EXPECT_EQ(fmt("[%(program_name).2s]"), "[we]");
  EXPECT_EQ(fmt("%(program_name)r"), "'web'");
}

TEST(PyFormat, DoublePercentIsLiteral) {
  EXPECT_EQ(fmt("100%% %(program_name)s"), "100% web");
  EXPECT_EQ(fmt("date +%%s"), "date +%s");
}

TEST(PyFormat, UnknownNameListsAvailableOnes) {
  try {
    fmt("%(nope)s");
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_STREQ(e.what(),
                 "Format string '%(nope)s' for 'program:web.command' contains names ('nope') which cannot be "
                 "expanded. Available names: here, process_num, program_name");
  }
}

TEST(PyFormat, StrayPercentIsBadlyFormatted) {
  EXPECT_THROW(fmt("date +%s"), FormatError);
  EXPECT_THROW(fmt("50%"), FormatError);
  EXPECT_THROW(fmt("%(program_name"), FormatError);
  EXPECT_THROW(fmt("%(program_name)"), FormatError);
  EXPECT_THROW(fmt("%(program_name)z"), FormatError);
  try {
    fmt("%d");
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("is badly formatted"), std::string::npos);
  }
}

TEST(PyFormat, NumberConversionOfAStringIsAnError) { EXPECT_THROW(fmt("%(program_name)d"), FormatError); }

}  // namespace
}  // namespace sn
