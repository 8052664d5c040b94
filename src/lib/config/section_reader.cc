#include "lib/config/section_reader.h"

namespace sn {

std::string directory_of(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

SourceLocation SectionReader::where(std::string_view key) const {
  if (const IniValue* v = doc_.get(section_, key)) return {v->file, v->line, section_, std::string(key)};
  IniValue origin = doc_.section_origin(section_);
  return {origin.file, origin.line, section_, std::string(key)};
}

void SectionReader::fail(std::string_view key, std::string_view message) const {
  throw_config_error(where(key), message);
}

std::optional<std::string> SectionReader::get_raw(std::string_view key) const {
  const IniValue* v = doc_.get(section_, key);
  if (!v) return std::nullopt;
  return v->value;
}

std::string SectionReader::expand(std::string_view text, std::string_view key, const Expansions& names) const {
  if (text.find('%') == std::string_view::npos) return std::string(text);
  const IniValue* v = doc_.get(section_, key);
  const Expansions* use = &names;
  Expansions with_here;
  if (v && !v->file.empty() && names.count("here")) {
    with_here = names;
    with_here["here"] = directory_of(v->file);
    use = &with_here;
  }
  try {
    return py_format(text, *use, section_ + "." + std::string(key));
  } catch (const FormatError& e) {
    fail(key, e.what());
  }
}

std::optional<std::string> SectionReader::get(std::string_view key, const Expansions& names) const {
  std::optional<std::string> raw = get_raw(key);
  if (!raw) return std::nullopt;
  return expand(*raw, key, names);
}

std::string SectionReader::get_or(std::string_view key, std::string_view fallback, const Expansions& names) const {
  std::optional<std::string> raw = get_raw(key);
  return expand(raw ? *raw : fallback, key, names);
}

}  // namespace sn
