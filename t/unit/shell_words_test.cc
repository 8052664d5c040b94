#include "lib/util/shell_words.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sn {
namespace {

using Words = std::vector<std::string>;

TEST(ShellWords, SplitsOnWhitespace) {
  EXPECT_EQ(split_shell_words("  /bin/sleep   100 "), (Words{"/bin/sleep", "100"}));
  EXPECT_EQ(split_shell_words("a\tb\nc"), (Words{"a", "b", "c"}));
  EXPECT_TRUE(split_shell_words("   ").empty());
}

TEST(ShellWords, QuotesGroupWords) {
  EXPECT_EQ(split_shell_words("sh -c 'echo hi; exit 3'"), (Words{"sh", "-c", "echo hi; exit 3"}));
  EXPECT_EQ(split_shell_words("sh -c \"echo hi\""), (Words{"sh", "-c", "echo hi"}));
  EXPECT_EQ(split_shell_words("a\"b c\"d"), (Words{"ab cd"}));
  EXPECT_EQ(split_shell_words("x '' y"), (Words{"x", "", "y"}));
}

TEST(ShellWords, BackslashRules) {
  EXPECT_EQ(split_shell_words(R"(a\ b)"), (Words{"a b"}));
  EXPECT_EQ(split_shell_words(R"("a\"b")"), (Words{"a\"b"}));
  EXPECT_EQ(split_shell_words(R"("a\nb")"), (Words{"a\\nb"}));
  EXPECT_EQ(split_shell_words(R"('a\b')"), (Words{"a\\b"}));
}

TEST(ShellWords, NoCommentsNoVariables) {
  EXPECT_EQ(split_shell_words("echo #x $HOME"), (Words{"echo", "#x", "$HOME"}));
}

TEST(ShellWords, QuotedWordsSplitBackToThemselves) {
  EXPECT_EQ(quote_shell_word("/srv/app/start.sh"), "/srv/app/start.sh");
  EXPECT_EQ(quote_shell_word(""), "''");
  EXPECT_EQ(quote_shell_word("a b"), "'a b'");
  for (std::string word :
       {"a b", "it's", "\"q\"", "back\\slash", "$HOME", "tab\there", "new\nline", "semi;colon", "''"})
    EXPECT_EQ(split_shell_words("/bin/bash " + quote_shell_word(word)), (Words{"/bin/bash", word})) << word;
}

TEST(ShellWords, UnclosedQuotesAreErrors) {
  EXPECT_THROW(split_shell_words("echo 'abc"), std::invalid_argument);
  EXPECT_THROW(split_shell_words("echo \"abc"), std::invalid_argument);
  EXPECT_THROW(split_shell_words("echo abc\\"), std::invalid_argument);
}

}  // namespace
}  // namespace sn
