#include "lib/util/log_level.h"

#include <array>

#include "lib/util/strings.h"

namespace sn {
namespace {

struct LevelNames {
  LogLevel level;
  std::string_view description;
  std::string_view code;
};

constexpr std::array<LevelNames, 7> kLevels{{
    {LogLevel::kCritical, "critical", "CRIT"},
    {LogLevel::kError, "error", "ERRO"},
    {LogLevel::kWarn, "warn", "WARN"},
    {LogLevel::kInfo, "info", "INFO"},
    {LogLevel::kDebug, "debug", "DEBG"},
    {LogLevel::kTrace, "trace", "TRAC"},
    {LogLevel::kBlather, "blather", "BLAT"},
}};

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view description) {
  std::string lower = to_lower(description);
  for (const auto& l : kLevels)
    if (lower == l.description) return l.level;
  return std::nullopt;
}

std::string_view log_level_code(LogLevel level) {
  for (const auto& l : kLevels)
    if (l.level == level) return l.code;
  return "????";
}

std::string_view log_level_description(LogLevel level) {
  for (const auto& l : kLevels)
    if (l.level == level) return l.description;
  return "unknown";
}

}  // namespace sn
