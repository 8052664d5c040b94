#include "supervisord/output/auto_child_logs.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(AutoChildLogs, CreatesPrivateFilesWithSupervisorsNames) {
  test::TempDir dir;
  std::string error;
  AutoChildLog log = create_auto_child_log(dir.path(), "web", "stdout", "mysup", &error);
  const std::string& path = log.path;
  ASSERT_TRUE(log.fd);
  ASSERT_EQ(::write(log.fd.get(), "x", 1), 1);
  EXPECT_EQ(test::read_file(path), "x") << "the descriptor writes to the file";
  EXPECT_EQ(error, "");
  EXPECT_EQ(path.rfind(dir.path() + "/web-stdout---mysup-", 0), 0u);
  EXPECT_EQ(path.substr(path.size() - 4), ".log");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(create_auto_child_log(dir.path(), "web", "stdout", "mysup", &error).path, path);
}

TEST(AutoChildLogs, ReportsFailures) {
  std::string error;
  EXPECT_EQ(create_auto_child_log("/nonexistent", "web", "stdout", "x", &error).path, "");
  EXPECT_NE(error, "");
}

TEST(AutoChildLogs, CleanupPattern) {
  EXPECT_TRUE(is_auto_child_log_name("web-stdout---supervisor-abc123.log", "supervisor"));
  EXPECT_TRUE(is_auto_child_log_name("web-stdout---supervisor-abc123.log.3", "supervisor"));
  EXPECT_TRUE(is_auto_child_log_name("quick-stdout---mysup-b10shb31.log", "mysup"));
  EXPECT_FALSE(is_auto_child_log_name("web-stdout---other-abc.log", "supervisor"));
  EXPECT_FALSE(is_auto_child_log_name("---supervisor-abc.log", "supervisor")) << "needs a name before";
  EXPECT_FALSE(is_auto_child_log_name("web-stdout---supervisor-.log", "supervisor")) << "needs a suffix";
  EXPECT_FALSE(is_auto_child_log_name("web-stdout---supervisor-a b.log", "supervisor"));
  EXPECT_FALSE(is_auto_child_log_name("supervisord.log", "supervisor"));
}

TEST(AutoChildLogs, ClearRemovesOnlyMatchingFiles) {
  test::TempDir dir;
  dir.write("web-stdout---sup-aaaaaa.log", "x");
  dir.write("web-stderr---sup-bbbbbb.log.1", "x");
  dir.write("web-stdout---other-cccccc.log", "x");
  dir.write("keep.log", "x");
  Logger logger;
  clear_auto_child_logs(dir.path(), "sup", logger);
  EXPECT_FALSE(test::file_exists(dir.file("web-stdout---sup-aaaaaa.log")));
  EXPECT_FALSE(test::file_exists(dir.file("web-stderr---sup-bbbbbb.log.1")));
  EXPECT_TRUE(test::file_exists(dir.file("web-stdout---other-cccccc.log")));
  EXPECT_TRUE(test::file_exists(dir.file("keep.log")));
}

}  // namespace
}  // namespace sn
