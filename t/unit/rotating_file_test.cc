#include "lib/util/rotating_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util/unique_fd.h"
#include "test_util.h"

namespace sn {
namespace {

using test::file_exists;
using test::read_file;
using test::TempDir;

TEST(RotatingFile, AppendsToExistingContent) {
  TempDir dir;
  std::string path = dir.write("a.log", "old\n");
  RotatingFile f(path, 0, 0);
  ASSERT_EQ(f.open(), 0);
  ASSERT_EQ(f.write("new\n"), 0);
  EXPECT_EQ(read_file(path), "old\nnew\n");
}

TEST(RotatingFile, RotatesAfterTheWriteThatReachesMaxbytes) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 10, 3);
  ASSERT_EQ(f.open(), 0);
  f.write("12345");
  EXPECT_FALSE(file_exists(path + ".1"));
  f.write("67890abc");  // the file may pass maxbytes by one write
  EXPECT_EQ(read_file(path + ".1"), "1234567890abc");
  EXPECT_EQ(read_file(path), "");
  f.write("next");
  EXPECT_EQ(read_file(path), "next");
}

TEST(RotatingFile, AHeldRotationWaitsForTheNextWrite) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 10, 3);
  ASSERT_EQ(f.open(), 0);
  f.write("1234567890ab", RotatingFile::kHoldRotation);
  EXPECT_FALSE(file_exists(path + ".1"));
  f.write("c\n");
  EXPECT_EQ(read_file(path + ".1"), "1234567890abc\n");
  EXPECT_EQ(read_file(path), "");
}

TEST(RotatingFile, ShiftsBackupsAndDropsTheOldest) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 2, 2);
  ASSERT_EQ(f.open(), 0);
  f.write("aa");
  f.write("bb");
  f.write("cc");
  EXPECT_EQ(read_file(path + ".1"), "cc");
  EXPECT_EQ(read_file(path + ".2"), "bb");
  EXPECT_FALSE(file_exists(path + ".3"));
}

TEST(RotatingFile, ZeroBackupsRestartsTheFileEmpty) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 4, 0);
  ASSERT_EQ(f.open(), 0);
  f.write("abcd");
  EXPECT_EQ(read_file(path), "");
  EXPECT_FALSE(file_exists(path + ".1"));
  f.write("xy");
  EXPECT_EQ(read_file(path), "xy");
}

TEST(RotatingFile, ZeroMaxbytesNeverRotates) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 0, 5);
  ASSERT_EQ(f.open(), 0);
  for (int i = 0; i < 100; ++i) f.write("0123456789");
  EXPECT_EQ(read_file(path).size(), 1000u);
  EXPECT_FALSE(file_exists(path + ".1"));
}

TEST(RotatingFile, SizeOfExistingFileCounts) {
  TempDir dir;
  std::string path = dir.write("a.log", "123456789");
  RotatingFile f(path, 10, 1);
  ASSERT_EQ(f.open(), 0);
  f.write("0");
  EXPECT_EQ(read_file(path + ".1"), "1234567890");
}

TEST(RotatingFile, CharacterDevicesNeverRotate) {
  RotatingFile f("/dev/null", 1, 1);
  ASSERT_EQ(f.open(), 0);
  EXPECT_EQ(f.write("hello"), 0);
  EXPECT_EQ(f.write("hello"), 0);
}

TEST(RotatingFile, AFifoNobodyReadsFailsAtOnceAndOneBeingReadIsWrittenBlocking) {
  TempDir dir;
  std::string fifo = dir.file("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  RotatingFile unread(fifo, 0, 0);
  EXPECT_EQ(unread.open(), ENXIO);  // not a hang
  UniqueFd reader(::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  ASSERT_TRUE(reader);
  RotatingFile read(fifo, 0, 0);
  ASSERT_EQ(read.open(), 0);
  EXPECT_EQ(read.write("through"), 0);
  char buf[16] = {};
  EXPECT_EQ(::read(reader.get(), buf, sizeof buf), 7);
}

TEST(RotatingFile, ReopenFollowsAMovedFile) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 0, 0);
  ASSERT_EQ(f.open(), 0);
  f.write("one");
  ASSERT_EQ(::rename(path.c_str(), (path + ".moved").c_str()), 0);
  f.write("two");
  ASSERT_EQ(f.reopen(), 0);
  f.write("three");
  EXPECT_EQ(read_file(path + ".moved"), "onetwo");
  EXPECT_EQ(read_file(path), "three");
}

TEST(RotatingFile, RemoveAndReopenStartsEmpty) {
  TempDir dir;
  std::string path = dir.file("a.log");
  RotatingFile f(path, 0, 0);
  ASSERT_EQ(f.open(), 0);
  f.write("data");
  ASSERT_EQ(f.remove_and_reopen(), 0);
  EXPECT_EQ(read_file(path), "");
  f.write("more");
  EXPECT_EQ(read_file(path), "more");
}

TEST(RotatingFile, OpenReportsErrors) {
  RotatingFile f("/nonexistent-dir/x.log", 0, 0);
  EXPECT_NE(f.open(), 0);
  EXPECT_FALSE(f.is_open());
  EXPECT_NE(f.write("x"), 0);
}

}  // namespace
}  // namespace sn
