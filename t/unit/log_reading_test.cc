#include "supervisord/rpc/log_reading.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "supervisord/rpc/rpc_registry.h"
#include "test_util.h"

namespace sn {
namespace {

constexpr Rotation kRenames = Rotation::kRenames;

class LogReadingTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.write("log", "abcdefghij");
};

TEST_F(LogReadingTest, ReadRangesLikeSupervisor) {
  EXPECT_EQ(read_log_range(path, 3, 0, kRenames).as_string(), "defghij");
  EXPECT_EQ(read_log_range(path, 3, 2, kRenames).as_string(), "de");
  EXPECT_EQ(read_log_range(path, -4, 0, kRenames).as_string(), "ghij");
  EXPECT_EQ(read_log_range(path, 20, 0, kRenames).as_string(), "");
  EXPECT_EQ(read_log_range(path, -20, 0, kRenames).as_string(), "abcdefghij");
  EXPECT_EQ(read_log_range(path, 0, 0, kRenames).as_string(), "abcdefghij");
}

TEST_F(LogReadingTest, LongStretchesAreReadWhenSentFromTheFileAsItWas) {
  std::string big(300'000, 'x');
  for (size_t i = 0; i < big.size(); i += 1000) big[i] = static_cast<char>('a' + (i / 1000) % 26);
  std::string log = dir.write("big", big);
  XmlRpcValue v = read_log_range(log, 1000, 200'000, kRenames);
  ASSERT_NE(v.deferred_text(), nullptr);
  EXPECT_EQ(v.deferred_text()->size(), 200'000u);
  // The descriptor was taken at the call: a rotation (rename) changes nothing.
  ASSERT_EQ(::rename(log.c_str(), (log + ".1").c_str()), 0);
  dir.write("big", "new file");
  EXPECT_EQ(v.as_string(), big.substr(1000, 200'000));
  XmlRpcValue tail = tail_log(log + ".1", 0, 250'000, kRenames).data;
  ASSERT_NE(tail.deferred_text(), nullptr);
  EXPECT_EQ(tail.as_string(), big.substr(50'000));
}

TEST_F(LogReadingTest, ALogEmptiedInPlaceOnRotationIsReadAtOnce) {
  EXPECT_EQ(rotation_of(1000, 0), Rotation::kTruncatesInPlace);  // supervisor truncates when there are no backups
  EXPECT_EQ(rotation_of(1000, 3), Rotation::kRenames);
  EXPECT_EQ(rotation_of(0, 0), Rotation::kRenames);  // never rotates
  std::string log = dir.write("big", std::string(300'000, 'x'));
  XmlRpcValue v = read_log_range(log, 0, 0, Rotation::kTruncatesInPlace);
  EXPECT_EQ(v.deferred_text(), nullptr);  // a truncation cannot change what was read
  EXPECT_EQ(v.as_string().size(), 300'000u);
}

TEST_F(LogReadingTest, OnlyRegularFilesAreRead) {
  std::string fifo = dir.file("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_THROW(read_log_range(fifo, 0, 0, kRenames), RpcError);  // at once, not waiting for a writer
  EXPECT_EQ(tail_log(fifo, 0, 10, kRenames).data.as_string(), "");
}

TEST_F(LogReadingTest, BadArguments) {
  try {
    read_log_range(path, -1, 5, kRenames);
    FAIL();
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault, Fault::of(FaultCode::kBadArguments));
  }
  EXPECT_THROW(read_log_range(path, 0, -1, kRenames), RpcError);
  try {
    read_log_range(dir.file("missing"), 0, 0, kRenames);
    FAIL();
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault, Fault::of(FaultCode::kFailed));
  }
}

TEST_F(LogReadingTest, TailMatchesSupervisorsTable) {
  auto check = [&](int64_t offset, int64_t length, const std::string& data, int64_t new_offset, bool overflow) {
    TailResult t = tail_log(path, offset, length, kRenames);
    EXPECT_EQ(t.data.as_string(), data) << offset << "," << length;
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
  TailResult t = tail_log(dir.file("missing"), 7, 10, kRenames);
  EXPECT_EQ(t.data.as_string(), "");
  EXPECT_EQ(t.offset, 7);
  EXPECT_FALSE(t.overflow);
}

}  // namespace
}  // namespace sn
