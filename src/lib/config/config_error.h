// A configuration problem, with a message that names where it is: the file,
// the line (when there is one), the section and the option.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sn {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
};

// Where a value came from. Empty parts are left out of the description.
struct SourceLocation {
  std::string file;
  int line = 0;
  std::string section;
  std::string option;

  // "/etc/supervisord.conf:12: [program:web] startsecs"
  std::string describe() const;
};

// "<location>: <message>", as thrown for a bad value.
[[noreturn]] void throw_config_error(const SourceLocation& where, std::string_view message);

}  // namespace sn
