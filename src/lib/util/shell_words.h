// Splits a command line into words the way supervisor does (Python's
// shlex.split: POSIX rules, no comments, no variable expansion).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sn {

// False, with *error "No closing quotation" or "No escaped character", for
// a command shlex would refuse.
bool split_shell_words(std::string_view command, std::vector<std::string>* words, std::string* error);

// `word` as one word for split_shell_words (and a POSIX shell): unchanged
// when it holds only characters that need no quoting, else in single quotes.
std::string quote_shell_word(std::string_view word);

}  // namespace sn
