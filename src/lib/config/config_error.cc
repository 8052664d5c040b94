#include "lib/config/config_error.h"

namespace sn {

std::string SourceLocation::describe() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (!section.empty()) {
    if (!out.empty()) out += ": ";
    out += "[" + section + "]";
  }
  if (!option.empty()) {
    if (!out.empty()) out += section.empty() ? ": " : " ";
    out += option;
  }
  return out;
}

void throw_config_error(const SourceLocation& where, std::string_view message) {
  std::string text = where.describe();
  if (!text.empty()) text += ": ";
  text += message;
  throw ConfigError(text);
}

}  // namespace sn
