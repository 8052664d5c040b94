#include "lib/util/shell_words.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

using Words = std::vector<std::string>;

Words split(std::string_view command) {
  Words words;
  std::string error;
  EXPECT_TRUE(split_shell_words(command, &words, &error)) << command << ": " << error;
  return words;
}

std::string refusal(std::string_view command) {
  Words words;
  std::string error;
  EXPECT_FALSE(split_shell_words(command, &words, &error)) << command;
  return error;
}

TEST(ShellWords, SplitsOnWhitespace) {
  EXPECT_EQ(split("  /bin/sleep   100 "), (Words{"/bin/sleep", "100"}));
  EXPECT_EQ(split("a\tb\nc"), (Words{"a", "b", "c"}));
  EXPECT_TRUE(split("   ").empty());
}

TEST(ShellWords, QuotesGroupWords) {
  EXPECT_EQ(split("sh -c 'echo hi; exit 3'"), (Words{"sh", "-c", "echo hi; exit 3"}));
  EXPECT_EQ(split("sh -c \"echo hi\""), (Words{"sh", "-c", "echo hi"}));
  EXPECT_EQ(split("a\"b c\"d"), (Words{"ab cd"}));
  EXPECT_EQ(split("x '' y"), (Words{"x", "", "y"}));
}

TEST(ShellWords, BackslashRules) {
  EXPECT_EQ(split(R"(a\ b)"), (Words{"a b"}));
  EXPECT_EQ(split(R"("a\"b")"), (Words{"a\"b"}));
  EXPECT_EQ(split(R"("a\nb")"), (Words{"a\\nb"}));
  EXPECT_EQ(split(R"('a\b')"), (Words{"a\\b"}));
}

TEST(ShellWords, NoCommentsNoVariables) { EXPECT_EQ(split("echo #x $HOME"), (Words{"echo", "#x", "$HOME"})); }

TEST(ShellWords, QuotedWordsSplitBackToThemselves) {
  EXPECT_EQ(quote_shell_word("/srv/app/start.sh"), "/srv/app/start.sh");
  EXPECT_EQ(quote_shell_word(""), "''");
  EXPECT_EQ(quote_shell_word("a b"), "'a b'");
  for (std::string word :
       {"a b", "it's", "\"q\"", "back\\slash", "$HOME", "tab\there", "new\nline", "semi;colon", "''"})
    EXPECT_EQ(split("/bin/bash " + quote_shell_word(word)), (Words{"/bin/bash", word})) << word;
}

TEST(ShellWords, UnclosedQuotesAreErrors) {
  EXPECT_EQ(refusal("echo 'abc"), "No closing quotation");
  EXPECT_EQ(refusal("echo \"abc"), "No closing quotation");
  EXPECT_EQ(refusal("echo \"ab\\"), "No escaped character");
  EXPECT_EQ(refusal("echo abc\\"), "No escaped character");
}

}  // namespace
}  // namespace sn
