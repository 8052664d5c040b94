#include "lib/config/ini_document.h"

#include <cerrno>
#include <cstring>
#include <set>

#include "lib/config/config_error.h"
#include "lib/util/read_file.h"
#include "lib/util/strings.h"

namespace sn {
namespace {

constexpr std::string_view kDefaultSection = "DEFAULT";

// Python's str.isspace() for the bytes that can occur in a line.
bool py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || (c >= '\x1c' && c <= '\x1f');
}

std::string_view py_strip(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && py_space(s[b])) ++b;
  while (e > b && py_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string_view py_rstrip(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && py_space(s[e - 1])) --e;
  return s.substr(0, e);
}

// Where the comment starts: a full-line comment, or the first ';'/'#'
// at the start of the line or after whitespace. npos when there is none.
size_t comment_start(std::string_view line) {
  std::string_view stripped = py_strip(line);
  if (!stripped.empty() && (stripped[0] == '#' || stripped[0] == ';')) return 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if ((line[i] == ';' || line[i] == '#') && (i == 0 || py_space(line[i - 1]))) return i;
  }
  return std::string_view::npos;
}

size_t indent_of(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && py_space(line[i])) ++i;
  return i;
}

// Splits on "\n", "\r\n" and "\r", as Python's universal newlines do.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

void IniDocument::read_file(const std::string& path) {
  int error = 0;
  std::optional<std::string> text = read_whole_file(path, &error);
  if (!text) throw ConfigError("could not read config file " + path + ": " + std::strerror(error));
  read_string(*text, path);
}

IniDocument::Section* IniDocument::find_or_add(const std::string& name, const std::string& file, int line) {
  if (name == kDefaultSection) return &defaults_;
  auto it = sections_.find(name);
  if (it != sections_.end()) {
    repeated_.push_back({name, {"", it->second.file, it->second.line}, {"", file, line}});
    return &it->second;
  }
  order_.push_back(name);
  Section& s = sections_[name];
  s.file = file;
  s.line = line;
  return &s;
}

void IniDocument::read_string(std::string_view text, const std::string& source) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
  Section* section = nullptr;
  IniValue* option = nullptr;  // the value continuation lines extend
  size_t indent_level = 0;
  std::set<IniValue*> touched;

  int lineno = 0;
  for (std::string_view line : split_lines(text)) {
    ++lineno;
    size_t comment = comment_start(line);
    std::string_view value = py_strip(line.substr(0, comment));
    if (value.empty()) {
      // A blank line inside a value is kept, unless it held a comment.
      if (comment == std::string_view::npos && option) option->value += '\n';
      continue;
    }
    size_t indent = indent_of(line);
    if (section && option && indent > indent_level) {
      option->value += '\n';
      option->value += value;
      continue;
    }
    indent_level = indent;
    size_t close = value.rfind(']');
    if (value[0] == '[' && close != std::string_view::npos && close >= 2) {
      section = find_or_add(std::string(value.substr(1, close - 1)), source, lineno);
      option = nullptr;
      continue;
    }
    SourceLocation where{source, lineno, "", ""};
    if (!section) {
      throw_config_error(where, "expected a [section] header before " + py_repr(value));
    }
    size_t delim = value.find_first_of("=:");
    std::string name = delim == std::string_view::npos ? "" : to_lower(py_rstrip(value.substr(0, delim)));
    if (name.empty()) {
      throw_config_error(where, "expected 'name = value', a [section] header or a comment, got " + py_repr(value));
    }
    IniValue& slot = section->options[name];
    slot.value = std::string(py_strip(value.substr(delim + 1)));
    slot.file = source;
    slot.line = lineno;
    option = &slot;
    touched.insert(&slot);
  }
  for (IniValue* v : touched) v->value = std::string(py_rstrip(v->value));
}

bool IniDocument::has_section(std::string_view name) const { return sections_.find(name) != sections_.end(); }

const IniValue* IniDocument::get(std::string_view section, std::string_view key) const {
  auto s = sections_.find(section);
  if (s != sections_.end()) {
    auto o = s->second.options.find(key);
    if (o != s->second.options.end()) return &o->second;
  }
  auto d = defaults_.options.find(key);
  return d == defaults_.options.end() ? nullptr : &d->second;
}

std::vector<std::string> IniDocument::keys(std::string_view section) const {
  std::set<std::string> names;
  for (const auto& [k, v] : defaults_.options) names.insert(k);
  auto s = sections_.find(section);
  if (s != sections_.end())
    for (const auto& [k, v] : s->second.options) names.insert(k);
  return {names.begin(), names.end()};
}

std::vector<std::string> IniDocument::own_keys(std::string_view section) const {
  std::vector<std::string> names;
  auto s = sections_.find(section);
  if (s != sections_.end())
    for (const auto& [k, v] : s->second.options) names.push_back(k);
  return names;
}

IniValue IniDocument::section_origin(std::string_view section) const {
  auto s = sections_.find(section);
  if (s == sections_.end()) return {};
  return {"", s->second.file, s->second.line};
}

}  // namespace sn
