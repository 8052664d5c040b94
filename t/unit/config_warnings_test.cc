#include "lib/config/config_warnings.h"

#include <gtest/gtest.h>

#include "config_test_fixture.h"

namespace sn {
namespace {

using test::ConfigTest;

std::vector<std::string> warnings_of(const std::string& text) {
  IniDocument doc;
  doc.read_string(text, "s.conf");
  return config_warnings(doc);
}

TEST(NearestName, OneTypoAwayOrNothing) {
  std::vector<std::string_view> known = {"autostart", "autorestart", "startsecs", "user"};
  EXPECT_EQ(nearest_name("autorestrat", known), "autorestart");  // two letters swapped
  EXPECT_EQ(nearest_name("autostrt", known), "autostart");
  EXPECT_EQ(nearest_name("startsec", known), "startsecs");
  EXPECT_EQ(nearest_name("usr", known), "user");
  EXPECT_EQ(nearest_name("ab", known), "") << "too short to guess";
  EXPECT_EQ(nearest_name("color", known), "");
}

TEST(ConfigWarnings, UnknownOptionsNameFileLineSectionAndTheNearestOption) {
  EXPECT_EQ(warnings_of("[supervisord]\nlogfile=x\nnodeamon=true\n[program:web]\ncommand=/bin/cat\n"
                        "autorestrat=true\ncolour=blue\n"),
            (std::vector<std::string>{
                "s.conf:3: [supervisord] nodeamon: unknown option, ignored (did you mean nodaemon?)",
                "s.conf:6: [program:web] autorestrat: unknown option, ignored (did you mean autorestart?)",
                "s.conf:7: [program:web] colour: unknown option, ignored",
            }));
}

TEST(ConfigWarnings, EachSectionKindKnowsItsOwnOptions) {
  EXPECT_EQ(warnings_of("[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5\nbuffer_size=10\n"
                        "[program:p]\ncommand=/bin/cat\nevents=TICK_5\n"
                        "[group:g]\nprograms=p\npriority=1\n[unix_http_server]\nfile=/s\nchmod=0700\n"
                        "[inet_http_server]\nport=9001\n[supervisorctl]\nserverurl=unix:///s\nprompt=p\n"
                        "[include]\nfiles=x\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=f\nanything=1\n"
                        "[rpcinterface:deployment]\n"
                        "supervisor.rpcinterface_factory=deployment.rpcinterface:deployment_rpcinterface\n"
                        "app_root=/a\napp_rot=/a\n[some-tool]\nits_own=1\n[DEFAULT]\nshared=1\n"),
            (std::vector<std::string>{
                "s.conf:7: [program:p] events: unknown option, ignored",
                "s.conf:27: [rpcinterface:deployment] app_rot: unknown option, ignored (did you mean app_root?)",
            }));
}

TEST(ConfigWarnings, ASectionGivenTwice) {
  EXPECT_EQ(warnings_of("[program:web]\ncommand=/bin/cat\n[program:other]\ncommand=/bin/cat\n"
                        "[program:web]\nstartsecs=0\n"),
            (std::vector<std::string>{"s.conf:5: [program:web]: section given twice (first at s.conf:1); its options "
                                      "are merged, a later line winning"}));
  EXPECT_TRUE(warnings_of("[DEFAULT]\na=1\n[DEFAULT]\nb=2\n").empty());
}

TEST_F(ConfigTest, TheLoaderKeepsTheWarningsAndStillLoads) {
  dir.write("conf.d/web.conf", "[program:web]\nstartsecs=0\n");
  SupervisordConfig c = load(
      "[supervisord]\n[include]\nfiles=conf.d/*.conf\n[program:web]\ncommand=/bin/cat\n"
      "autostrt=false\n");
  ASSERT_EQ(c.parse_warnings.size(), 2u);
  EXPECT_EQ(c.parse_warnings[0], dir.file("conf.d/web.conf") + ":1: [program:web]: section given twice (first at " +
                                     conf_path() + ":4); its options are merged, a later line winning");
  EXPECT_EQ(c.parse_warnings[1],
            conf_path() + ":6: [program:web] autostrt: unknown option, ignored (did you mean autostart?)");
  EXPECT_TRUE(only_process(c).autostart) << "supervisor ignores it, and so do we";
  EXPECT_EQ(only_process(c).startsecs, 0);
}

TEST_F(ConfigTest, ACheckGivesTheWarningsMetBeforeTheError) {
  ConfigCheck check = check_supervisord_config(
      dir.write("supervisord.conf", "[supervisord]\nlogfle=x\n[program:web]\ncommand=/bin/cat\nstartsecs=soon\n"),
      env());
  EXPECT_EQ(check.warnings, (std::vector<std::string>{conf_path() + ":2: [supervisord] logfle: unknown option, "
                                                                    "ignored (did you mean logfile?)"}));
  EXPECT_NE(check.error.find(conf_path() + ":5: [program:web] startsecs"), std::string::npos) << check.error;
  EXPECT_FALSE(check.config);
  check = check_supervisord_config(dir.write("supervisord.conf", "[supervisord]\n"), env());
  EXPECT_TRUE(check.config);
  EXPECT_TRUE(check.warnings.empty());
  EXPECT_EQ(check.error, "");
}

}  // namespace
}  // namespace sn
