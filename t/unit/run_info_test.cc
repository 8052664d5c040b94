#include "supervisord/deployment/run_info.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace sn {
namespace {

std::optional<RunInfo> read(const std::string& path) {
  std::optional<RunInfo> info;
  std::string error;
  EXPECT_TRUE(read_run_info(path, &info, &error)) << error;
  return info;
}

void write(const std::string& path, const RunInfo& info) {
  std::string error;
  EXPECT_TRUE(write_run_info(path, info, &error)) << error;
}

TEST(RunInfo, WritesConfigParserFormatAndReadsItBack) {
  test::TempDir dir;
  std::string path = dir.file("run.cfg");
  EXPECT_FALSE(read(path).has_value());
  RunInfo info{"tok", "0,1", "/app/s/c/j", "/log/s/c/j", "/pkg/s/c/r1-t/p"};
  write(path, info);
  EXPECT_EQ(test::read_file(path),
            "[run_info]\ncleanup_token = tok\ndata_dir_indexes = 0,1\nrun_dir = /app/s/c/j\nlog_dir = /log/s/c/j\n"
            "package_dir = /pkg/s/c/r1-t/p\n\n");
  auto back = read(path);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->cleanup_token, "tok");
  EXPECT_EQ(back->data_dir_indexes, "0,1");
  EXPECT_EQ(back->package_dir, "/pkg/s/c/r1-t/p");
}

TEST(RunInfo, ReadsWhatPythonWrote) {
  test::TempDir dir;
  // Python 2's ConfigParser: any key order, "key = value", an empty token.
  std::string path = dir.write("run.cfg",
                               "[run_info]\nrun_dir = /a\ncleanup_token = \nData_Dir_Indexes: 2\n"
                               "log_dir = /l\npackage_dir = /p\n\n[other]\nrun_dir = /x\n");
  auto info = read(path);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->cleanup_token, "");
  EXPECT_EQ(info->data_dir_indexes, "2");
  EXPECT_EQ(info->run_dir, "/a");
  std::string bad = dir.write("bad.cfg", "just text\n");
  std::optional<RunInfo> none;
  std::string error;
  EXPECT_FALSE(read_run_info(bad, &none, &error));
  EXPECT_EQ(error, bad + ": no [run_info] section");
  EXPECT_FALSE(write_run_info(dir.file("missing/run.cfg"), RunInfo{}, &error));
  EXPECT_NE(error.find("cannot write " + dir.file("missing/run.cfg")), std::string::npos) << error;
}

TEST(RunInfo, MultiLineTokensSurvive) {
  test::TempDir dir;
  std::string path = dir.file("run.cfg");
  RunInfo info;
  info.cleanup_token = "line1\nline2";
  write(path, info);
  EXPECT_EQ(read(path)->cleanup_token, "line1\nline2");
}

TEST(RunInfo, DataDirIndexes) {
  EXPECT_EQ(parse_data_dir_indexes("0", 1), (std::vector<size_t>{0}));
  EXPECT_EQ(parse_data_dir_indexes("0,2, 1", 3), (std::vector<size_t>{0, 2, 1}));
  EXPECT_FALSE(parse_data_dir_indexes("3", 3));
  EXPECT_FALSE(parse_data_dir_indexes("", 3));
  EXPECT_FALSE(parse_data_dir_indexes("0,,1", 3));
  EXPECT_FALSE(parse_data_dir_indexes("-1", 3));
  EXPECT_FALSE(parse_data_dir_indexes("a", 3));
  EXPECT_FALSE(parse_data_dir_indexes("99999999999", 3));
}

}  // namespace
}  // namespace sn
