#include "lib/util/read_file.h"

#include <gtest/gtest.h>

#include <cerrno>

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

}  // namespace
}  // namespace sn
