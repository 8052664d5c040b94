// Tested by t/unit/ini_value_writer_test.cc (every character class read
// back through IniDocument and py_format, as the loader reads it).
#include "lib/config/ini_value_writer.h"

namespace sn {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

}  // namespace

std::optional<std::string> ini_value_text(std::string_view value, std::string* why) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      *why = "it holds a control character (code " + std::to_string(c) + ")";
      return std::nullopt;
    }
    if ((c == ';' || c == '#') && (i == 0 || space(value[i - 1]))) {
      *why = std::string("'") + static_cast<char>(c) + "' at its start or after whitespace would begin a comment";
      return std::nullopt;
    }
    if (c == '%') out += '%';
    out += static_cast<char>(c);
  }
  if (!value.empty() && (space(value.front()) || space(value.back()))) {
    *why = "it starts or ends with whitespace, which the reader strips";
    return std::nullopt;
  }
  return out;
}

}  // namespace sn
