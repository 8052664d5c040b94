// What the option tests read of man/supervisord.conf.5.
#pragma once

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>

namespace sn::test {

// The man page from the first line starting with `heading` up to the next
// .SS or .SH heading; "" when there is no such heading.
inline std::string man_page_section(std::string_view heading) {
  std::ifstream in(SN_SOURCE_DIR "/man/supervisord.conf.5");
  std::stringstream text;
  text << in.rdbuf();
  std::string page = text.str();
  size_t from = page.find(heading);
  if (from == std::string::npos) return "";
  size_t to = page.find("\n.S", from + 1);
  return page.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// True when `text` has `name` as a word of its own (not inside a longer
// option name such as stdout_logfile_maxbytes, nor after a '.').
inline bool names_as_a_word(const std::string& text, std::string_view name) {
  std::string escaped = std::regex_replace(std::string(name), std::regex("\\."), "\\.");
  return std::regex_search(text, std::regex("(^|[^a-z_.])" + escaped + "($|[^a-z_])"));
}

}  // namespace sn::test
