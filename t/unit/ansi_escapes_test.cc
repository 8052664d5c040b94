#include "supervisord/output/ansi_escapes.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(AnsiEscapes, StripsColourAndCursorSequences) {
  EXPECT_EQ(strip_ansi_escapes("\x1b[31mred\x1b[0m plain"), "red plain");
  EXPECT_EQ(strip_ansi_escapes("a\x1b[2Jb\x1b[10;20Hc"), "abc");
  EXPECT_EQ(strip_ansi_escapes("no escapes"), "no escapes");
  EXPECT_EQ(strip_ansi_escapes(""), "");
}

TEST(AnsiEscapes, UnterminatedEscapeSwallowsTheRestOfTheChunk) {
  EXPECT_EQ(strip_ansi_escapes("keep\x1b[123"), "keep");
}

TEST(AnsiEscapes, LoneEscapeCharacterStays) {
  EXPECT_EQ(strip_ansi_escapes("a\x1b"
                               "b"),
            "a\x1b"
            "b");
}

}  // namespace
}  // namespace sn
