#include "lib/util/read_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>

#include "lib/util/unique_fd.h"
#include "test_util.h"

namespace sn {
namespace {

TEST(ReadWholeFile, ReadsEveryByte) {
  test::TempDir dir;
  std::string content(100'000, 'x');
  content[0] = '\0';
  content += "end";
  int error = 0;
  std::optional<std::string> got = read_whole_file(dir.write("f", content), &error);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, content);
}

TEST(ReadWholeFile, MissingFileGivesErrno) {
  int error = 0;
  EXPECT_FALSE(read_whole_file("/nonexistent/file", &error));
  EXPECT_EQ(error, ENOENT);
}

TEST(ReadWholeFile, DirectoryGivesErrno) {
  test::TempDir dir;
  int error = 0;
  EXPECT_FALSE(read_whole_file(dir.path(), &error));
  EXPECT_EQ(error, EISDIR);
}

TEST(ReadToEnd, StopsAtItsLimit) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd in(fds[0]), out(fds[1]);
  ASSERT_EQ(::write(out.get(), "0123456789", 10), 10);
  out.reset();
  std::string got = "so far:";
  EXPECT_EQ(read_to_end(in.get(), 17, &got), 0);
  EXPECT_EQ(got, "so far:0123456789");
  int again[2];
  ASSERT_EQ(::pipe(again), 0);
  UniqueFd in2(again[0]), out2(again[1]);
  ASSERT_EQ(::write(out2.get(), "0123456789", 10), 10);
  out2.reset();
  std::string small;
  EXPECT_EQ(read_to_end(in2.get(), 9, &small), EFBIG);
}

}  // namespace
}  // namespace sn
