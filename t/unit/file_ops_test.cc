#include "lib/util/file_ops.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

// Each helper asserts the step succeeded and returns what it found.
bool empty_dir(const std::string& path) {
  bool empty = false;
  std::string error;
  EXPECT_TRUE(dir_is_empty(path, &empty, &error)) << error;
  return empty;
}

std::string link_target(const std::string& link) {
  std::string target, error;
  EXPECT_TRUE(read_link(link, &target, &error)) << error;
  return target;
}

std::optional<std::string> read(const std::string& path, size_t max, SymlinksOnTheWay links) {
  std::optional<std::string> content;
  std::string error;
  EXPECT_TRUE(read_regular_file(path, max, links, &content, &error)) << error;
  return content;
}

// The error of a read that must fail.
std::string read_refusal(const std::string& path, size_t max, SymlinksOnTheWay links) {
  std::optional<std::string> content;
  std::string error;
  EXPECT_FALSE(read_regular_file(path, max, links, &content, &error)) << path;
  EXPECT_FALSE(content.has_value());
  return error;
}

TEST(FileOps, DirectoriesFilesAndLinks) {
  test::TempDir dir;
  std::string deep = dir.file("a/b/c"), error;
  EXPECT_TRUE(empty_dir(deep));  // missing counts as empty
  ASSERT_TRUE(make_dirs(deep, &error)) << error;
  EXPECT_TRUE(is_directory(deep));
  EXPECT_TRUE(empty_dir(deep));
  EXPECT_TRUE(make_dirs(deep, &error)) << error;  // again: fine
  ASSERT_TRUE(replace_file(deep + "/f", "one", 0600, &error)) << error;
  EXPECT_FALSE(empty_dir(deep));
  EXPECT_EQ(test::read_file(deep + "/f"), "one");
  struct stat st;
  ASSERT_EQ(::stat((deep + "/f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(append_file(deep + "/f", "+two", &error)) << error;
  EXPECT_EQ(test::read_file(deep + "/f"), "one+two");
  EXPECT_FALSE(make_dirs(deep + "/f/g", &error));
  EXPECT_EQ(error, "cannot create directory " + deep + "/f: Not a directory");
  ASSERT_TRUE(relink(dir.file("link"), deep, &error)) << error;
  EXPECT_EQ(link_target(dir.file("link")), deep);
  ASSERT_TRUE(relink(dir.file("link"), dir.file("elsewhere"), &error)) << error;  // replaces, even dangling
  EXPECT_EQ(link_target(dir.file("link")), dir.file("elsewhere"));
  EXPECT_TRUE(link_exists(dir.file("link")));
  EXPECT_FALSE(path_exists(dir.file("link")));
  EXPECT_FALSE(is_directory(dir.file("link")));
  std::string target;
  EXPECT_FALSE(read_link(deep, &target, &error));
  EXPECT_EQ(error, "cannot read symlink " + deep + ": Invalid argument");
}

TEST(FileOps, AFailedReplaceLeavesNoTemporaryFile) {
  test::TempDir dir;
  ASSERT_EQ(::mkdir(dir.file("taken").c_str(), 0755), 0);
  std::string error;
  ASSERT_EQ(::mkdir(dir.file("taken/inner").c_str(), 0755), 0);
  EXPECT_FALSE(replace_file(dir.file("taken"), "x", 0644, &error));  // rename over a non-empty directory
  EXPECT_NE(error.find("cannot replace " + dir.file("taken")), std::string::npos) << error;
  EXPECT_FALSE(link_exists(dir.file("taken") + ".tmp-" + std::to_string(::getpid())));
}

// Each of these would hang or act on something else if it were opened as
// a plain file; every call must come back at once with an error naming it.
TEST(FileOps, OnlyRegularFilesAreOpenedAndNothingWaits) {
  test::TempDir dir;
  ASSERT_EQ(::mkfifo(dir.file("fifo").c_str(), 0644), 0);
  for (auto links : {SymlinksOnTheWay::kFollowed, SymlinksOnTheWay::kRefused}) {
    EXPECT_EQ(read_refusal(dir.file("fifo"), 1024, links), dir.file("fifo") + " is a FIFO, not a regular file");
    std::string error;
    EXPECT_FALSE(open_regular_file(dir.file("fifo"), O_WRONLY | O_APPEND, links, &error));
    EXPECT_NE(error.find("is a FIFO"), std::string::npos) << error;
    EXPECT_NE(read_refusal("/dev/null", 1024, links).find("/dev/null is a device"), std::string::npos);
    EXPECT_NE(read_refusal(dir.path(), 1024, links).find("is a directory"), std::string::npos);
  }
  std::string error;
  EXPECT_FALSE(append_file(dir.file("fifo"), "x", &error));
  EXPECT_NE(error.find("is a FIFO"), std::string::npos) << error;
}

TEST(FileOps, SymlinksAreNotFollowed) {
  test::TempDir dir;
  test::TempDir outside;
  std::string error;
  ASSERT_TRUE(replace_file(outside.file("secret"), "s", 0644, &error)) << error;
  ASSERT_EQ(::symlink(outside.file("secret").c_str(), dir.file("to-secret").c_str()), 0);
  ASSERT_EQ(::symlink(outside.file("created").c_str(), dir.file("dangling").c_str()), 0);
  EXPECT_NE(read_refusal(dir.file("to-secret"), 1024, SymlinksOnTheWay::kFollowed).find("is a symbolic link"),
            std::string::npos);
  // A dangling link is not a way to create a file where it points.
  EXPECT_FALSE(append_file(dir.file("dangling"), "x", &error));
  EXPECT_NE(error.find(dir.file("dangling")), std::string::npos) << error;
  EXPECT_FALSE(path_exists(outside.file("created")));
  // A link on the way: followed only when asked.
  ASSERT_EQ(::symlink(outside.path().c_str(), dir.file("out").c_str()), 0);
  EXPECT_EQ(read(dir.file("out/secret"), 1024, SymlinksOnTheWay::kFollowed), "s");
  std::string refused = read_refusal(dir.file("out/secret"), 1024, SymlinksOnTheWay::kRefused);
  EXPECT_NE(refused.find("symbolic link"), std::string::npos) << refused;
}

TEST(FileOps, ReadsRegularFilesWithinTheirLimit) {
  test::TempDir dir;
  std::string error;
  EXPECT_EQ(read(dir.file("missing"), 10, SymlinksOnTheWay::kRefused), std::nullopt);
  ASSERT_TRUE(replace_file(dir.file("f"), "0123456789", 0644, &error)) << error;
  EXPECT_EQ(read(dir.file("f"), 10, SymlinksOnTheWay::kRefused), "0123456789");
  std::string refused = read_refusal(dir.file("f"), 9, SymlinksOnTheWay::kRefused);
  EXPECT_NE(refused.find("is larger than"), std::string::npos) << refused;
  ASSERT_TRUE(append_file(dir.file("new"), "made", &error)) << error;  // created when missing
  EXPECT_EQ(test::read_file(dir.file("new")), "made");
}

TEST(FileOps, HardLinkGivesASecondNameAndNames) {
  test::TempDir dir;
  std::string error;
  ASSERT_TRUE(replace_file(dir.file("a"), "data", 0644, &error)) << error;
  ASSERT_TRUE(hard_link(dir.file("a"), dir.file("b"), &error)) << error;
  EXPECT_EQ(test::read_file(dir.file("b")), "data");
  EXPECT_TRUE(hard_link(dir.file("a"), dir.file("b"), &error)) << error;  // again: replaced in place
  EXPECT_FALSE(hard_link(dir.file("missing"), dir.file("c"), &error));
  EXPECT_NE(error.find("cannot link " + dir.file("missing")), std::string::npos) << error;
  EXPECT_FALSE(link_exists(dir.file("c")));
  EXPECT_EQ(base_name("/x/y/z.tar.gz"), "z.tar.gz");
  EXPECT_EQ(dir_name("/x/y/z.tar.gz"), "/x/y");
}

TEST(FileOps, InsideChecksResolveSymlinksAndDots) {
  test::TempDir dir;
  std::string error;
  ASSERT_TRUE(make_dirs(dir.file("root/sub"), &error)) << error;
  ASSERT_TRUE(make_dirs(dir.file("outside"), &error)) << error;
  ::symlink(dir.file("outside").c_str(), dir.file("root/escape").c_str());
  EXPECT_TRUE(is_inside(dir.file("root/sub/new-file"), dir.file("root")));
  EXPECT_TRUE(is_inside(dir.file("root/not/yet/made"), dir.file("root")));
  EXPECT_TRUE(is_inside(dir.file("root"), dir.file("root")));
  EXPECT_FALSE(is_inside(dir.file("root/escape/x"), dir.file("root")));
  EXPECT_FALSE(is_inside(dir.file("root/../outside/x"), dir.file("root")));
  EXPECT_FALSE(is_inside(dir.file("root/missing/../../outside"), dir.file("root")));
  EXPECT_FALSE(is_inside(dir.file("rootish/x"), dir.file("root")));
  EXPECT_EQ(resolved_path(dir.file("root/sub/../sub/x")), resolved_path(dir.file("root/sub")) + "/x");
}

}  // namespace
}  // namespace sn
