// Tested by t/unit/environment_file_test.cc.
#include "lib/config/environment_file.h"

#include <cctype>

#include "lib/config/value_parsers.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool valid_key(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// Reads one value from `text` at `pos` up to the end of its (logical) line;
// `line` counts the lines it continues over.
std::string read_value(std::string_view text, size_t& pos, int& line, bool* unterminated) {
  std::string value;
  size_t keep = 0;  // value's length up to its last quoted or escaped character
  while (pos < text.size() && text[pos] != '\n') {
    char c = text[pos++];
    if (c == '\\') {
      if (pos >= text.size()) break;
      char next = text[pos++];
      if (next == '\n') {
        ++line;
        continue;
      }
      value += next;
      keep = value.size();
    } else if (c == '\'') {
      size_t end = text.find('\'', pos);
      if (end == std::string_view::npos) {
        *unterminated = true;
        end = text.size();
      }
      for (size_t i = pos; i < end; ++i) line += text[i] == '\n';
      value += text.substr(pos, end - pos);
      keep = value.size();
      pos = end + 1;
    } else if (c == '"') {
      while (pos < text.size() && text[pos] != '"') {
        char q = text[pos++];
        if (q == '\\' && pos < text.size()) {
          char next = text[pos++];
          if (next == '\n') {
            ++line;
          } else if (next == '"' || next == '\\' || next == '$' || next == '`') {
            value += next;
          } else {
            value += '\\';
            value += next;
          }
          continue;
        }
        line += q == '\n';
        value += q;
      }
      if (pos >= text.size()) *unterminated = true;
      ++pos;
      keep = value.size();
    } else {
      value += c;
      if (!is_blank(c)) keep = value.size();
    }
  }
  value.resize(keep);
  return value;
}

}  // namespace

std::vector<EnvironmentFileRef> parse_environment_file_list(std::string_view v) {
  std::vector<EnvironmentFileRef> out;
  for (const std::string& item : parse_string_list(v)) {
    EnvironmentFileRef ref;
    std::string_view path = item;
    if (!path.empty() && path[0] == '-') {
      ref.optional = true;
      path.remove_prefix(1);
    }
    if (path.empty() || path[0] != '/') throw ValueError("expected absolute paths, got " + py_repr(item));
    ref.path = std::string(path);
    out.push_back(std::move(ref));
  }
  return out;
}

EnvironmentFileContent parse_environment_file(std::string_view text) {
  EnvironmentFileContent out;
  size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    int first_line = line;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    if (pos >= text.size()) break;
    if (text[pos] == '\n' || text[pos] == '#' || text[pos] == ';') {
      size_t end = text.find('\n', pos);
      pos = end == std::string_view::npos ? text.size() : end + 1;
      ++line;
      continue;
    }
    size_t eq = text.find('=', pos);
    size_t eol = text.find('\n', pos);
    if (eq == std::string_view::npos || (eol != std::string_view::npos && eq > eol)) {
      out.problems.push_back("line " + std::to_string(first_line) + ": no '=' in it: ignored");
      pos = eol == std::string_view::npos ? text.size() : eol + 1;
      ++line;
      continue;
    }
    std::string_view key = trim(text.substr(pos, eq - pos));
    if (key.substr(0, 7) == "export " || key.substr(0, 7) == "export\t") key = trim(key.substr(7));
    pos = eq + 1;
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    bool unterminated = false;
    std::string value = read_value(text, pos, line, &unterminated);
    if (pos < text.size()) ++pos;  // the newline
    ++line;
    if (unterminated) {
      out.problems.push_back("line " + std::to_string(first_line) + ": a quote is not closed: ignored");
    } else if (!valid_key(key)) {
      out.problems.push_back("line " + std::to_string(first_line) + ": " + py_repr(key) +
                             " is not a variable name: ignored");
    } else {
      out.variables.emplace_back(std::string(key), std::move(value));
    }
  }
  return out;
}

}  // namespace sn
