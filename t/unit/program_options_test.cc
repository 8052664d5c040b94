#include "lib/config/program_options.h"

#include <gtest/gtest.h>

#include <set>

#include "config_test_fixture.h"
#include "man_page.h"

namespace sn {
namespace {

using test::ConfigTest;

// The man page's [program:x], [group:x], [eventlistener:x] and [fcgi-program:x] sections.
std::string program_sections_of_the_man_page() {
  std::string text;
  for (const char* heading : {".SS [program:", ".SS [group:", ".SS [eventlistener:", ".SS [fcgi\\-program:"}) {
    std::string section = test::man_page_section(heading);
    EXPECT_FALSE(section.empty()) << heading;
    text += section;
  }
  return text;
}

TEST(ProgramOptions, EveryOptionIsInTheManPage) {
  std::string text = program_sections_of_the_man_page();
  ASSERT_FALSE(text.empty());
  for (const ProgramOption& o : program_options()) {
    std::string name(o.name);
    // stderr_* options are documented once, as the stdout_* ones' twins.
    if (name.starts_with("stderr_") && text.find("stderr_*") != std::string::npos) name.replace(0, 6, "stdout");
    EXPECT_TRUE(test::names_as_a_word(text, name)) << o.name << " is not in man/supervisord.conf.5";
  }
}

TEST(ProgramOptions, NamesAreUniqueAndFound) {
  std::set<std::string_view> seen;
  for (const ProgramOption& o : program_options()) {
    EXPECT_TRUE(seen.insert(o.name).second) << o.name;
    EXPECT_EQ(find_program_option(o.name), &o);
    EXPECT_FALSE(o.doc.empty()) << o.name;
    EXPECT_NE(o.sections, 0u) << o.name;
    EXPECT_TRUE(o.read || o.stage == OptionStage::kPool) << o.name << " is read by nobody";
    EXPECT_TRUE(!o.default_text.empty() || !o.default_words.empty()) << o.name << " says nothing of its default";
  }
  EXPECT_EQ(find_program_option("no_such_option"), nullptr);
}

class ProgramOptionDefaults : public ConfigTest {};

// The model's own initial values are the table's defaults.
TEST_F(ProgramOptionDefaults, TheModelStartsAtTheTablesDefaults) {
  ProcessConfig read = only_process(load(program("")));
  ProcessConfig expected;
  expected.name = expected.program_name = "web";
  expected.section = "program:web";
  expected.command = "/bin/cat";
  EXPECT_EQ(read, expected);
}

// name=default gives what leaving the line out gives, in both kinds of
// section.
TEST_F(ProgramOptionDefaults, WritingTheDefaultChangesNothing) {
  for (const ProgramOption& o : program_options()) {
    if (o.default_text.empty()) continue;
    std::string line = std::string(o.name) + "=" + std::string(o.default_text) + "\n";
    if (o.sections & kInProgram) {
      EXPECT_EQ(load(program(line)).groups, load(program("")).groups) << o.name;
    }
    if (o.sections & kInEventListener) {
      std::string pool = "[supervisord]\n[eventlistener:pool]\ncommand=/bin/cat\nevents=TICK_5\n";
      std::string with = pool + line;
      if (o.name == "priority") with = pool + "priority=" + std::string(o.default_in(kInEventListener)) + "\n";
      SupervisordConfig bare = load(pool), full = load(with);
      // A pool's priority=-1 also sets its processes' (else 999).
      if (o.name == "priority") full.groups[0].processes[0].priority = bare.groups[0].processes[0].priority;
      EXPECT_EQ(full.groups, bare.groups) << o.name;
    }
  }
}

TEST_F(ProgramOptionDefaults, KillasgroupFollowsStopasgroup) {
  EXPECT_TRUE(only_process(load(program("stopasgroup=true\n"))).killasgroup);
  EXPECT_FALSE(only_process(load(program(""))).killasgroup);
  EXPECT_NE(error(program("stopasgroup=true\nkillasgroup=false\n")).find("killasgroup"), std::string::npos);
}

}  // namespace
}  // namespace sn
