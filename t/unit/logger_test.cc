#include "lib/util/logger.h"

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace sn {
namespace {

class CaptureSink : public LogSink {
 public:
  explicit CaptureSink(std::vector<std::string>* lines) : lines_(lines) {}
  void emit(LogLevel, std::string_view line) override { lines_->emplace_back(line); }

 private:
  std::vector<std::string>* lines_;
};

TEST(Logger, FormatsLikeSupervisor) {
  ManualClock clock;
  clock.set_wall(1700000000.5);
  Logger logger(clock);
  std::vector<std::string> lines;
  logger.add_sink(std::make_unique<CaptureSink>(&lines));
  logger.info("spawned: 'x' with pid 3");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(
      std::regex_match(lines[0], std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,500 INFO spawned: 'x' with pid 3\n)")))
      << lines[0];
}

TEST(Logger, DropsRecordsBelowItsLevel) {
  Logger logger;
  std::vector<std::string> lines;
  logger.add_sink(std::make_unique<CaptureSink>(&lines));
  logger.set_level(LogLevel::kWarn);
  logger.info("no");
  logger.debug("no");
  logger.warn("yes");
  logger.critical("yes");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" WARN yes"), std::string::npos);
  EXPECT_NE(lines[1].find(" CRIT yes"), std::string::npos);
  EXPECT_FALSE(logger.enabled(LogLevel::kInfo));
}

TEST(Logger, SendsEveryRecordToEverySink) {
  Logger logger;
  std::vector<std::string> a, b;
  logger.add_sink(std::make_unique<CaptureSink>(&a));
  logger.add_sink(std::make_unique<CaptureSink>(&b));
  logger.error("x");
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(b, a);
  logger.clear_sinks();
  logger.error("y");
  EXPECT_EQ(a.size(), 1u);
}

TEST(Logger, TimestampMillisecondsArePadded) {
  std::string ts = Logger::format_timestamp(1700000000.005);
  EXPECT_EQ(ts.substr(ts.size() - 4), ",005");
}

}  // namespace
}  // namespace sn
