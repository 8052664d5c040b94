#include "supervisord/pidfile.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(PidFile, WritesAndRemoves) {
  test::TempDir dir;
  std::string error;
  std::optional<PidFile> pf = PidFile::acquire(dir.file("s.pid"), &error);
  ASSERT_TRUE(pf) << error;
  ASSERT_EQ(pf->write(1234), 0);
  EXPECT_EQ(test::read_file(dir.file("s.pid")), "1234\n");
  ASSERT_EQ(pf->write(56), 0);
  EXPECT_EQ(test::read_file(dir.file("s.pid")), "56\n");
  pf->remove();
  EXPECT_FALSE(test::file_exists(dir.file("s.pid")));
}

TEST(PidFile, SecondHolderIsRefusedWithThePid) {
  test::TempDir dir;
  std::string error;
  std::optional<PidFile> first = PidFile::acquire(dir.file("s.pid"), &error);
  ASSERT_TRUE(first);
  first->write(4321);
  // flock is per open file: a second open in this process conflicts too.
  std::optional<PidFile> second = PidFile::acquire(dir.file("s.pid"), &error);
  EXPECT_FALSE(second);
  EXPECT_EQ(error, "another supervisord (pid 4321) is already running with pidfile " + dir.file("s.pid") +
                       "; shut it down first");
  EXPECT_EQ(test::read_file(dir.file("s.pid")), "4321\n") << "the loser must not touch the file";
}

TEST(PidFile, LockIsReleasedWithTheHolder) {
  test::TempDir dir;
  std::string error;
  { std::optional<PidFile> first = PidFile::acquire(dir.file("s.pid"), &error); }
  EXPECT_TRUE(PidFile::acquire(dir.file("s.pid"), &error));
}

TEST(PidFile, AFileNeverWrittenGoesWithTheHolder) {
  test::TempDir dir;
  std::string error;
  {
    std::optional<PidFile> moved;
    {
      std::optional<PidFile> first = PidFile::acquire(dir.file("s.pid"), &error);
      ASSERT_TRUE(first);
      moved = std::move(first);
    }
    EXPECT_TRUE(test::file_exists(dir.file("s.pid"))) << "a moved-from holder leaves it";
  }
  EXPECT_FALSE(test::file_exists(dir.file("s.pid"))) << "an empty pidfile looks like a crashed daemon's";
}

TEST(PidFile, AStaleFileIsLeftAsItWasWhenTheStartFails) {
  test::TempDir dir;
  dir.write("s.pid", "99999\n");
  std::string error;
  { std::optional<PidFile> pf = PidFile::acquire(dir.file("s.pid"), &error); }
  EXPECT_EQ(test::read_file(dir.file("s.pid")), "99999\n");
}

TEST(PidFile, UnwritableDirectory) {
  std::string error;
  EXPECT_FALSE(PidFile::acquire("/nonexistent/s.pid", &error));
  EXPECT_NE(error.find("could not open pidfile /nonexistent/s.pid"), std::string::npos);
}

TEST(PidFile, StaleFileWithoutHolderIsTakenOver) {
  test::TempDir dir;
  dir.write("s.pid", "99999\n");
  std::string error;
  std::optional<PidFile> pf = PidFile::acquire(dir.file("s.pid"), &error);
  ASSERT_TRUE(pf);
  pf->write(7);
  EXPECT_EQ(test::read_file(dir.file("s.pid")), "7\n");
}

}  // namespace
}  // namespace sn
