#include "supervisor-deploy/install_plan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_util.h"

namespace sn {
namespace {

DeployGroup group() {
  DeployGroup g;
  g.name = "group_1";
  g.user = "work";
  g.root_dir = "/home/work";
  g.data_dirs = {"/d1", "/d2"};
  g.http_password = "p%w";
  g.package_server = "http://10.0.0.1:8000";
  return g;
}

TEST(InstallPlan, TemplateMarksAreReplaced) {
  DeployGroup g = group();
  DeployHost h{"host.0", "10.0.3.98", 22};
  std::string out = render_supervisord_conf(
      "a=@HOST@ @GROUP@ @ROOT_DIR@ @DATA_DIRS@ @HTTP_BIND@:@HTTP_PORT@ @HTTP_USERNAME@ @HTTP_PASSWORD@\n"
      "b=@PACKAGE_SERVER@ mail@example.com @ x@\n@CRASHMAIL@",
      g, h);
  EXPECT_EQ(out,
            "a=10.0.3.98 group_1 /home/work /d1,/d2 0.0.0.0:9001 minosuser p%%w\n"
            "b=http://10.0.0.1:8000 mail@example.com @ x@\n");
  g.http_bind = "host";
  EXPECT_EQ(render_supervisord_conf("@HTTP_BIND@", g, {"h", "::1", 22}), "[::1]");
  EXPECT_THROW(render_supervisord_conf("@NOPE@", g, h), std::runtime_error);
}

TEST(InstallPlan, CrashmailListenerOnlyWithRecipients) {
  DeployGroup g = group();
  EXPECT_EQ(crashmail_section(g), "");
  g.crashmail.to = {"a@x.org", "b@x.org"};
  g.crashmail.from = "robot@x.org";
  g.crashmail.smtp_password = "it's 100%";
  std::string s = crashmail_section(g);
  EXPECT_NE(s.find("[eventlistener:crashmail]\ncommand=/home/work/supervisor/bin/crashmail --minos -l 9001 "
                   "--toEmail=a@x.org,b@x.org --fromEmail=robot@x.org --smtpHost=localhost "
                   "--password='it'\\''s 100%%' --tickEvent=TICK_5"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("events=PROCESS_STATE,TICK_5\n"), std::string::npos);
}

TEST(InstallPlan, ProgramsFromABuildTreeOrPrefixAndTheirId) {
  test::TempDir dir;
  EXPECT_THROW(find_programs(dir.path()), std::runtime_error);
  for (const char* name : {"supervisord", "supervisorctl", "crashmail"}) {
    std::string path = dir.write(std::string("bin/") + name, name);
    ::chmod(path.c_str(), 0755);
  }
  auto programs = find_programs(dir.path());
  ASSERT_EQ(programs.size(), 3u);
  EXPECT_EQ(programs[0].name, "supervisord");
  EXPECT_EQ(programs[0].content, "supervisord");
  EXPECT_EQ(programs[0].path, dir.path() + "/bin/supervisord");
  EXPECT_EQ(find_programs(dir.path() + "/bin/..//./")[0].path, dir.path() + "/bin/supervisord")
      << "a dry run shows the path as the directory it is";
  std::string id = install_id(programs, "conf");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id, install_id(programs, "conf"));
  EXPECT_NE(id, install_id(programs, "conf2"));
  programs[2].content += "x";
  EXPECT_NE(id, install_id(programs, "conf"));
  EXPECT_EQ(shell_quote("a'b"), "'a'\\''b'");
  // installed with --program-prefix=sn-
  test::TempDir renamed;
  for (const char* name : {"sn-supervisord", "sn-supervisorctl", "sn-crashmail"}) {
    std::string path = renamed.write(std::string("bin/") + name, name);
    ::chmod(path.c_str(), 0755);
  }
  EXPECT_THROW(find_programs(renamed.path()), std::runtime_error);
  EXPECT_EQ(find_programs(renamed.path(), "sn-")[1].name, "supervisorctl");
  EXPECT_EQ(find_programs(renamed.path(), "sn-")[1].content, "sn-supervisorctl");
}

}  // namespace
}  // namespace sn
