#include "lib/config/config_search.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "test_util.h"

namespace sn {
namespace {

TEST(ConfigSearch, SupervisorsOrder) {
  EXPECT_EQ(
      config_search_paths("/usr/bin/supervisord"),
      (std::vector<std::string>{"/usr/etc/supervisord.conf", "/usr/supervisord.conf", "supervisord.conf",
                                "etc/supervisord.conf", "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf"}));
}

TEST(ConfigSearch, ProgramWithoutDirectory) {
  std::vector<std::string> paths = config_search_paths("supervisord");
  EXPECT_EQ(paths[0], "etc/supervisord.conf");
  EXPECT_EQ(paths[1], "supervisord.conf");
}

TEST(ConfigSearch, FindsTheFirstExistingFile) {
  test::TempDir dir;
  dir.write("prefix/etc/supervisord.conf", "[supervisord]\n");
  EXPECT_EQ(find_config_file(dir.file("prefix/bin/supervisord")), dir.file("prefix/etc/supervisord.conf"));
}

TEST(ConfigSearch, ProgramPathFromPath) {
  EXPECT_EQ(program_path_from_argv0("/x/y"), "/x/y");
  EXPECT_EQ(program_path_from_argv0("sh"), "/usr/bin/sh") << "assumes Debian's usrmerge PATH order";
}

}  // namespace
}  // namespace sn
