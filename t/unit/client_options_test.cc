#include "supervisorctl/client_options.h"

#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

namespace sn {
namespace {

ClientOptions parse(std::vector<std::string> args, const std::string& cwd = "/") {
  args.insert(args.begin(), "supervisorctl");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  LoaderEnvironment env;
  env.cwd = cwd;
  env.environ = {{"SOCK_DIR", "/run/sn"}};
  // A program path whose search finds nothing on this machine's usual spots
  // is not possible to guarantee, so tests pass -c or check what they set.
  return parse_client_options(static_cast<int>(argv.size() - 1), argv.data(), "/nonexistent/bin/supervisorctl", env);
}

TEST(ClientOptions, FlagsOverrideTheFileAndCommandWordsFollow) {
  test::TempDir dir;
  std::string conf = dir.write("s.conf",
                               "[supervisorctl]\nserverurl=unix://%(here)s/../x/s.sock\nusername=fileuser\n"
                               "password=filepw\nprompt=hey\nhistory_file=%(here)s/hist\n");
  ClientOptions o = parse({"-c", conf, "tail", "-f", "web"});
  EXPECT_EQ(o.server.text, "unix://" + dir.path().substr(0, dir.path().rfind('/')) + "/x/s.sock");
  EXPECT_EQ(o.credentials.username, "fileuser");
  EXPECT_EQ(o.credentials.password, "filepw");
  EXPECT_EQ(o.prompt, "hey");
  EXPECT_EQ(o.history_file, dir.file("hist"));
  EXPECT_EQ(o.command, (std::vector<std::string>{"tail", "-f", "web"}));
  EXPECT_FALSE(o.interactive);

  o = parse({"-c", conf, "-s", "http://127.0.0.1:9001", "-u", "me", "--password=pw", "-r", "/tmp/h", "-i", "pid"});
  EXPECT_EQ(o.server.text, "http://127.0.0.1:9001");
  EXPECT_EQ(o.credentials.username, "me");
  EXPECT_EQ(o.credentials.password, "pw");
  EXPECT_EQ(o.history_file, "/tmp/h");
  EXPECT_TRUE(o.interactive);
}

TEST(ClientOptions, NoCommandMeansTheShell) {
  test::TempDir dir;
  std::string conf = dir.write("s.conf", "[supervisorctl]\n");
  ClientOptions o = parse({"-c", conf});
  EXPECT_TRUE(o.interactive);
  EXPECT_EQ(o.server.text, "http://localhost:9001");
  EXPECT_EQ(o.prompt, "supervisor");
}

TEST(ClientOptions, EnvironmentExpansionsWorkInTheSection) {
  test::TempDir dir;
  std::string conf = dir.write("s.conf", "[supervisorctl]\nserverurl=unix://%(ENV_SOCK_DIR)s/s.sock\n");
  EXPECT_EQ(parse({"-c", conf}).server.text, "unix:///run/sn/s.sock");
}

TEST(ClientOptions, BadInputIsAUsageErrorThatSaysWhat) {
  test::TempDir dir;
  std::string no_section = dir.write("a.conf", "[supervisord]\n");
  std::string bad_url = dir.write("b.conf", "[supervisorctl]\nserverurl=ftp://x\n");
  auto message = [&](std::vector<std::string> args) {
    try {
      parse(std::move(args));
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(message({"-x"}), "option -x not recognized");
  EXPECT_EQ(message({"-s"}), "option -s requires argument");
  EXPECT_EQ(message({"--bogus"}), "option --bogus not recognized");
  EXPECT_EQ(message({"--history_file"}), "option --history_file requires argument");
  EXPECT_EQ(message({"-c", "/x", "-c", "/y"}), "conflicting command line option '-c'");
  EXPECT_EQ(message({"-s", "http://a", "--serverurl=http://b"}), "conflicting command line option '--serverurl'");
  EXPECT_EQ(message({"-c", dir.file("none.conf")}), "could not find config file " + dir.file("none.conf"));
  EXPECT_EQ(message({"-c", no_section}), no_section + ": .ini file does not include supervisorctl section");
  EXPECT_NE(message({"-c", bad_url}).find(bad_url + ": [supervisorctl] serverurl"), std::string::npos);
  EXPECT_NE(message({"-c", no_section + "x", "-s", "foo"}).find("could not find"), std::string::npos);
  std::string c = dir.write("c.conf", "[supervisorctl]\n");
  EXPECT_EQ(message({"-c", c, "-s", "foo"}).rfind("invalid value for -s 'foo'", 0), 0u);
}

TEST(ClientOptions, HelpNeedsNothingElse) {
  EXPECT_TRUE(parse({"-h", "-c", "/nonexistent"}).help);
  EXPECT_TRUE(parse({"-?", "-c", "/nonexistent"}).help) << "supervisor's -? is -h";
  EXPECT_NE(client_usage_text("/usr/bin/supervisorctl").find("Usage: /usr/bin/supervisorctl [options]"),
            std::string::npos);
}

}  // namespace
}  // namespace sn
