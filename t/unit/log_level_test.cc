#include "lib/util/log_level.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(LogLevel, ParsesSupervisorDescriptions) {
  EXPECT_EQ(parse_log_level("critical"), LogLevel::kCritical);
  EXPECT_EQ(parse_log_level("ERROR"), LogLevel::kError);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::kWarn);
  EXPECT_EQ(parse_log_level("Info"), LogLevel::kInfo);
  EXPECT_EQ(parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(parse_log_level("trace"), LogLevel::kTrace);
  EXPECT_EQ(parse_log_level("blather"), LogLevel::kBlather);
  EXPECT_FALSE(parse_log_level("warning"));
  EXPECT_FALSE(parse_log_level(""));
}

TEST(LogLevel, FourLetterCodes) {
  EXPECT_EQ(log_level_code(LogLevel::kCritical), "CRIT");
  EXPECT_EQ(log_level_code(LogLevel::kError), "ERRO");
  EXPECT_EQ(log_level_code(LogLevel::kWarn), "WARN");
  EXPECT_EQ(log_level_code(LogLevel::kInfo), "INFO");
  EXPECT_EQ(log_level_code(LogLevel::kDebug), "DEBG");
  EXPECT_EQ(log_level_code(LogLevel::kTrace), "TRAC");
  EXPECT_EQ(log_level_code(LogLevel::kBlather), "BLAT");
  EXPECT_EQ(log_level_description(LogLevel::kWarn), "warn");
}

}  // namespace
}  // namespace sn
