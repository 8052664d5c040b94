#include "lib/util/shell_words.h"

namespace sn {
namespace {

bool whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool refuse(const char* why, std::string* error) {
  *error = why;
  return false;
}

}  // namespace

bool split_shell_words(std::string_view s, std::vector<std::string>* words, std::string* error) {
  words->clear();
  std::string word;
  bool in_word = false;  // a quoted empty string still makes a word
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i++];
    if (whitespace(c)) {
      if (in_word) words->push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\\') {
      if (i >= s.size()) return refuse("No escaped character", error);
      word += s[i++];
      in_word = true;
    } else if (c == '\'') {
      size_t close = s.find('\'', i);
      if (close == std::string_view::npos) return refuse("No closing quotation", error);
      word += s.substr(i, close - i);
      i = close + 1;
      in_word = true;
    } else if (c == '"') {
      in_word = true;
      for (;;) {
        if (i >= s.size()) return refuse("No closing quotation", error);
        char d = s[i++];
        if (d == '"') break;
        if (d == '\\') {
          if (i >= s.size()) return refuse("No escaped character", error);
          char e = s[i++];
          // Inside double quotes only \" and \\ are escapes.
          if (e != '"' && e != '\\') word += '\\';
          word += e;
        } else {
          word += d;
        }
      }
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words->push_back(std::move(word));
  return true;
}

std::string quote_shell_word(std::string_view word) {
  auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("@%+=:,./-_").find(c) != std::string_view::npos;
  };
  bool needs_quotes = word.empty();
  for (char c : word) needs_quotes = needs_quotes || !plain(c);
  if (!needs_quotes) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') out += "'\"'\"'";
    else out += c;
  }
  return out + "'";
}

}  // namespace sn
