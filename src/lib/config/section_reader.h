// Reads the options of one section: expansion with supervisor's names,
// typed parsing, and errors that name file, line, section and option.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "lib/config/config_error.h"
#include "lib/config/ini_document.h"
#include "lib/config/py_format.h"
#include "lib/config/value_parsers.h"

namespace sn {

class SectionReader {
 public:
  SectionReader(const IniDocument& doc, std::string section) : doc_(doc), section_(std::move(section)) {}

  const std::string& section() const { return section_; }
  bool has(std::string_view key) const { return doc_.get(section_, key) != nullptr; }
  // Where `key` is (its line), or where the section starts when it is absent.
  SourceLocation where(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, std::string_view message) const;

  // The unexpanded value.
  std::optional<std::string> get_raw(std::string_view key) const;
  // The value expanded with `names`; "here" is the directory of the file
  // that holds the option (supervisor 4: each included file has its own).
  std::optional<std::string> get(std::string_view key, const Expansions& names) const;
  std::string get_or(std::string_view key, std::string_view fallback, const Expansions& names) const;
  // Expands text that came from `key` (read raw earlier).
  std::string expand(std::string_view text, std::string_view key, const Expansions& names) const;

  // get_or() then `parse`, turning a ValueError into a located ConfigError.
  template <class Parse>
  auto parse(std::string_view key, std::string_view fallback, const Expansions& names, Parse parse) const {
    std::string text = get_or(key, fallback, names);
    try {
      return parse(text);
    } catch (const ValueError& e) {
      fail(key, e.what());
    }
  }

 private:
  const IniDocument& doc_;
  std::string section_;
};

// The directory part of a path ("." for none).
std::string directory_of(std::string_view path);

}  // namespace sn
