#include "supervisord/rpc/log_reading.h"

#include <gtest/gtest.h>

#include "supervisord/rpc/rpc_registry.h"
#include "test_util.h"

namespace sn {
namespace {

class LogReadingTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.write("log", "abcdefghij");
};

TEST_F(LogReadingTest, ReadRangesLikeSupervisor) {
  EXPECT_EQ(read_log_range(path, 3, 0), "defghij");
  EXPECT_EQ(read_log_range(path, 3, 2), "de");
  EXPECT_EQ(read_log_range(path, -4, 0), "ghij");
  EXPECT_EQ(read_log_range(path, 20, 0), "");
  EXPECT_EQ(read_log_range(path, -20, 0), "abcdefghij");
  EXPECT_EQ(read_log_range(path, 0, 0), "abcdefghij");
}

TEST_F(LogReadingTest, BadArguments) {
  try {
    read_log_range(path, -1, 5);
    FAIL();
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault, Fault::of(FaultCode::kBadArguments));
  }
  EXPECT_THROW(read_log_range(path, 0, -1), RpcError);
  try {
    read_log_range(dir.file("missing"), 0, 0);
    FAIL();
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault, Fault::of(FaultCode::kFailed));
  }
}

TEST_F(LogReadingTest, TailMatchesSupervisorsTable) {
  auto check = [&](int64_t offset, int64_t length, const std::string& data, int64_t new_offset, bool overflow) {
    TailResult t = tail_log(path, offset, length);
    EXPECT_EQ(t.data, data) << offset << "," << length;
    EXPECT_EQ(t.offset, new_offset) << offset << "," << length;
    EXPECT_EQ(t.overflow, overflow) << offset << "," << length;
  };
  check(0, 100, "abcdefghij", 10, false);
  check(1, 100, "abcdefghij", 10, false);
  check(5, 3, "hij", 10, true);
  check(9, 1, "j", 10, false);
  check(10, 5, "", 10, false);
  check(0, 0, "", 10, true);
}

TEST_F(LogReadingTest, TailOfAMissingFile) {
  TailResult t = tail_log(dir.file("missing"), 7, 10);
  EXPECT_EQ(t.data, "");
  EXPECT_EQ(t.offset, 7);
  EXPECT_FALSE(t.overflow);
}

}  // namespace
}  // namespace sn
