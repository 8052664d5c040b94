#include "lib/config/environment_file.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

using Vars = std::vector<std::pair<std::string, std::string>>;

TEST(EnvironmentFile, EverySyntaxForm) {
  EnvironmentFileContent c = parse_environment_file(
      "# a comment\n"
      "; another\n"
      "\n"
      "PLAIN=value\n"
      "  SPACED = padded value   \n"
      "export EXPORTED=yes\n"
      "SINGLE='it''s $HOME \\n as written'\n"
      "DOUBLE=\"say \\\"hi\\\" \\$HOME \\\\ \\n\"\n"
      "ESCAPED=a\\ b\\#c\n"
      "CONTINUED=first \\\n"
      "second\n"
      "QUOTED_LINES=\"one\n"
      "two\"\n"
      "EMPTY=\n"
      "MIXED=a'b c'\"d\"\n"
      "LAST=no newline");
  EXPECT_EQ(c.variables, (Vars{{"PLAIN", "value"},
                               {"SPACED", "padded value"},
                               {"EXPORTED", "yes"},
                               {"SINGLE", "its $HOME \\n as written"},
                               {"DOUBLE", "say \"hi\" $HOME \\ \\n"},
                               {"ESCAPED", "a b#c"},
                               {"CONTINUED", "first second"},
                               {"QUOTED_LINES", "one\ntwo"},
                               {"EMPTY", ""},
                               {"MIXED", "ab cd"},
                               {"LAST", "no newline"}}));
  EXPECT_TRUE(c.problems.empty());
}

TEST(EnvironmentFile, BadLinesAreReportedWithTheirNumbers) {
  EnvironmentFileContent c = parse_environment_file("GOOD=1\nno equals sign\n1BAD=x\nOPEN='never closed\n");
  EXPECT_EQ(c.variables, (Vars{{"GOOD", "1"}}));
  EXPECT_EQ(c.problems,
            (std::vector<std::string>{"line 2: no '=' in it: ignored", "line 3: '1BAD' is not a variable name: ignored",
                                      "line 4: a quote is not closed: ignored"}));
}

TEST(EnvironmentFile, LineNumbersCountContinuations) {
  EnvironmentFileContent c = parse_environment_file("A=\"x\ny\"\nB=1 \\\n2\nbroken\n");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0], "line 5: no '=' in it: ignored");
}

TEST(EnvironmentFile, TheListTakesOptionalFiles) {
  EXPECT_EQ(parse_environment_file_list("/a, -/b"), (std::vector<EnvironmentFileRef>{{"/a", false}, {"/b", true}}));
  EXPECT_THROW(parse_environment_file_list("a.env"), std::exception);
  EXPECT_THROW(parse_environment_file_list("-"), std::exception);
}

}  // namespace
}  // namespace sn
