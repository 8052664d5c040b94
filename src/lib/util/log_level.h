// supervisor's log levels, by number, description and four-letter code.
#pragma once

#include <optional>
#include <string_view>

namespace sn {

enum class LogLevel : int {
  kBlather = 3,
  kTrace = 5,
  kDebug = 10,
  kInfo = 20,
  kWarn = 30,
  kError = 40,
  kCritical = 50,
};

// "critical error warn info debug trace blather", any case ("warning" is not one).
std::optional<LogLevel> parse_log_level(std::string_view description);
// "CRIT ERRO WARN INFO DEBG TRAC BLAT".
std::string_view log_level_code(LogLevel level);
std::string_view log_level_description(LogLevel level);

}  // namespace sn
