#include "lib/config/supervisord_options.h"

#include <gtest/gtest.h>

#include <set>

#include "config_test_fixture.h"
#include "man_page.h"

namespace sn {
namespace {

using test::ConfigTest;

TEST(SupervisordOptions, EveryOptionIsInTheManPage) {
  std::string text = test::man_page_section(".SS [supervisord]");
  ASSERT_FALSE(text.empty());
  for (const SupervisordOption& o : supervisord_options())
    EXPECT_TRUE(test::names_as_a_word(text, o.name)) << o.name << " is not in man/supervisord.conf.5";
}

TEST(SupervisordOptions, NamesAreUniqueAndFound) {
  std::set<std::string_view> seen;
  for (const SupervisordOption& o : supervisord_options()) {
    EXPECT_TRUE(seen.insert(o.name).second) << o.name;
    EXPECT_EQ(find_supervisord_option(o.name), &o);
    EXPECT_FALSE(o.doc.empty()) << o.name;
    EXPECT_NE(o.read, nullptr) << o.name;
    EXPECT_TRUE(!o.default_text.empty() || !o.default_words.empty()) << o.name << " says nothing of its default";
  }
  EXPECT_EQ(find_supervisord_option("no_such_option"), nullptr);
}

class SupervisordOptionDefaults : public ConfigTest {
 protected:
  // The [supervisord] fields a default decides.
  static void expect_same(const SupervisordConfig& a, const SupervisordConfig& b, std::string_view why) {
    EXPECT_EQ(a.logfile, b.logfile) << why;
    EXPECT_EQ(a.logfile_maxbytes, b.logfile_maxbytes) << why;
    EXPECT_EQ(a.logfile_backups, b.logfile_backups) << why;
    EXPECT_EQ(a.loglevel, b.loglevel) << why;
    EXPECT_EQ(a.pidfile, b.pidfile) << why;
    EXPECT_EQ(a.subprocpidfile, b.subprocpidfile) << why;
    EXPECT_EQ(a.umask, b.umask) << why;
    EXPECT_EQ(a.nodaemon, b.nodaemon) << why;
    EXPECT_EQ(a.silent, b.silent) << why;
    EXPECT_EQ(a.minfds, b.minfds) << why;
    EXPECT_EQ(a.minprocs, b.minprocs) << why;
    EXPECT_EQ(a.nocleanup, b.nocleanup) << why;
    EXPECT_EQ(a.childlogdir, b.childlogdir) << why;
    EXPECT_EQ(a.user, b.user) << why;
    EXPECT_EQ(a.directory, b.directory) << why;
    EXPECT_EQ(a.strip_ansi, b.strip_ansi) << why;
    EXPECT_EQ(a.environment, b.environment) << why;
    EXPECT_EQ(a.identifier, b.identifier) << why;
  }
};

// The model's own initial values are the table's defaults; paths resolve
// against the directory supervisord runs in.
TEST_F(SupervisordOptionDefaults, TheModelStartsAtTheTablesDefaults) {
  SupervisordConfig read = load("[supervisord]\n");
  SupervisordConfig expected;
  expected.logfile = dir.file("supervisord.log");
  expected.pidfile = dir.file("supervisord.pid");
  expected.childlogdir = dir.path();
  expect_same(read, expected, "defaults");
}

TEST_F(SupervisordOptionDefaults, WritingTheDefaultChangesNothing) {
  SupervisordConfig bare = load("[supervisord]\n");
  for (const SupervisordOption& o : supervisord_options()) {
    if (o.default_text.empty()) continue;
    std::string line = std::string(o.name) + "=" + std::string(o.default_text) + "\n";
    expect_same(load("[supervisord]\n" + line), bare, o.name);
  }
}

}  // namespace
}  // namespace sn
