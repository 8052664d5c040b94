#include "supervisord/process/environment_file_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fake_process_host.h"
#include "test_util.h"

namespace sn {
namespace {

class EnvironmentFileReaderTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir.path() + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  test::TempDir dir;
  test::FakeProcessHost host;
};

TEST_F(EnvironmentFileReaderTest, FilesAreReadInOrderAndOptionalOnesMayBeMissing) {
  std::string a = write("a.env", "X=1\nY=2\n");
  std::string b = write("b.env", "Y=3\nbad line\n");
  EnvironmentList out;
  EXPECT_EQ(
      read_environment_files({{a, false}, {dir.path() + "/missing", true}, {b, false}}, "web", host.logger(), &out),
      "");
  EXPECT_EQ(out, (EnvironmentList{{"X", "1"}, {"Y", "2"}, {"Y", "3"}}));
  EXPECT_EQ(host.info_lines(),
            std::vector<std::string>{"WARN environment_file " + b + " line 2: no '=' in it: ignored"});
}

TEST_F(EnvironmentFileReaderTest, AMissingRequiredFileIsASpawnErrorNamingIt) {
  EnvironmentList out;
  std::string missing = dir.path() + "/secrets.env";
  EXPECT_EQ(read_environment_files({{missing, false}}, "web", host.logger(), &out),
            "environment_file " + missing + " for 'web' does not exist");
  EXPECT_NE(read_environment_files({{dir.path(), false}}, "web", host.logger(), &out).find("environment_file of 'web'"),
            std::string::npos)
      << "a directory is no file";
}

}  // namespace
}  // namespace sn
