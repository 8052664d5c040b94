#include "lib/util/file_ops.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(FileOps, DirectoriesFilesAndLinks) {
  test::TempDir dir;
  std::string deep = dir.file("a/b/c");
  EXPECT_TRUE(dir_is_empty(deep));  // missing counts as empty
  make_dirs(deep);
  EXPECT_TRUE(is_directory(deep));
  EXPECT_TRUE(dir_is_empty(deep));
  make_dirs(deep);  // again: fine
  replace_file(deep + "/f", "one", 0600);
  EXPECT_FALSE(dir_is_empty(deep));
  EXPECT_EQ(test::read_file(deep + "/f"), "one");
  struct stat st;
  ASSERT_EQ(::stat((deep + "/f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  append_file(deep + "/f", "+two");
  EXPECT_EQ(test::read_file(deep + "/f"), "one+two");
  EXPECT_THROW(make_dirs(deep + "/f/g"), std::runtime_error);
  relink(dir.file("link"), deep);
  EXPECT_EQ(read_link(dir.file("link")), deep);
  relink(dir.file("link"), dir.file("elsewhere"));  // replaces, even dangling
  EXPECT_EQ(read_link(dir.file("link")), dir.file("elsewhere"));
  EXPECT_TRUE(link_exists(dir.file("link")));
  EXPECT_FALSE(path_exists(dir.file("link")));
  EXPECT_FALSE(is_directory(dir.file("link")));
}

// Each of these would hang or act on something else if it were opened as
// a plain file; every call must come back at once with an error naming it.
TEST(FileOps, OnlyRegularFilesAreOpenedAndNothingWaits) {
  test::TempDir dir;
  ASSERT_EQ(::mkfifo(dir.file("fifo").c_str(), 0644), 0);
  auto error_of = [](auto call) -> std::string {
    try {
      call();
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  };
  for (auto links : {SymlinksOnTheWay::kFollowed, SymlinksOnTheWay::kRefused}) {
    EXPECT_NE(error_of([&] { read_regular_file(dir.file("fifo"), 1024, links); }).find("is a FIFO"), std::string::npos);
    EXPECT_NE(error_of([&] { open_regular_file(dir.file("fifo"), O_WRONLY | O_APPEND, links); }).find("is a FIFO"),
              std::string::npos);
    EXPECT_NE(error_of([&] { read_regular_file("/dev/null", 1024, links); }).find("/dev/null is a device"),
              std::string::npos);
    EXPECT_NE(error_of([&] { read_regular_file(dir.path(), 1024, links); }).find("is a directory"), std::string::npos);
  }
  EXPECT_NE(error_of([&] { append_file(dir.file("fifo"), "x"); }).find("is a FIFO"), std::string::npos);
}

TEST(FileOps, SymlinksAreNotFollowed) {
  test::TempDir dir;
  test::TempDir outside;
  replace_file(outside.file("secret"), "s", 0644);
  ASSERT_EQ(::symlink(outside.file("secret").c_str(), dir.file("to-secret").c_str()), 0);
  ASSERT_EQ(::symlink(outside.file("created").c_str(), dir.file("dangling").c_str()), 0);
  EXPECT_THROW(read_regular_file(dir.file("to-secret"), 1024, SymlinksOnTheWay::kFollowed), std::runtime_error);
  // A dangling link is not a way to create a file where it points.
  EXPECT_THROW(append_file(dir.file("dangling"), "x"), std::runtime_error);
  EXPECT_FALSE(path_exists(outside.file("created")));
  // A link on the way: followed only when asked.
  ASSERT_EQ(::symlink(outside.path().c_str(), dir.file("out").c_str()), 0);
  EXPECT_EQ(read_regular_file(dir.file("out/secret"), 1024, SymlinksOnTheWay::kFollowed), "s");
  try {
    read_regular_file(dir.file("out/secret"), 1024, SymlinksOnTheWay::kRefused);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
  }
}

TEST(FileOps, ReadsRegularFilesWithinTheirLimit) {
  test::TempDir dir;
  EXPECT_EQ(read_regular_file(dir.file("missing"), 10, SymlinksOnTheWay::kRefused), std::nullopt);
  replace_file(dir.file("f"), "0123456789", 0644);
  EXPECT_EQ(read_regular_file(dir.file("f"), 10, SymlinksOnTheWay::kRefused), "0123456789");
  try {
    read_regular_file(dir.file("f"), 9, SymlinksOnTheWay::kRefused);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is larger than"), std::string::npos) << e.what();
  }
  append_file(dir.file("new"), "made");  // created when missing
  EXPECT_EQ(test::read_file(dir.file("new")), "made");
}

TEST(FileOps, HardLinkGivesASecondNameAndNames) {
  test::TempDir dir;
  replace_file(dir.file("a"), "data", 0644);
  hard_link(dir.file("a"), dir.file("b"));
  EXPECT_EQ(test::read_file(dir.file("b")), "data");
  hard_link(dir.file("a"), dir.file("b"));  // again: replaced in place
  EXPECT_THROW(hard_link(dir.file("missing"), dir.file("c")), std::runtime_error);
  EXPECT_FALSE(link_exists(dir.file("c")));
  EXPECT_EQ(base_name("/x/y/z.tar.gz"), "z.tar.gz");
  EXPECT_EQ(dir_name("/x/y/z.tar.gz"), "/x/y");
}

TEST(FileOps, InsideChecksResolveSymlinksAndDots) {
  test::TempDir dir;
  make_dirs(dir.file("root/sub"));
  make_dirs(dir.file("outside"));
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
