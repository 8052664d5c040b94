#include "supervisord/deployment/file_ops.h"

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
