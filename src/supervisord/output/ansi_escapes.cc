#include "supervisord/output/ansi_escapes.h"

namespace sn {

std::string strip_ansi_escapes(std::string_view s) {
  constexpr std::string_view kBegin = "\x1b[";
  constexpr std::string_view kTerminators = "HfABCDRsuJKhlpm";
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = s.find(kBegin, i);
    if (start == std::string_view::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, start - i);
    size_t end = s.find_first_of(kTerminators, start + 1);
    if (end == std::string_view::npos) break;  // the rest is inside the escape
    i = end + 1;
  }
  return out;
}

}  // namespace sn
