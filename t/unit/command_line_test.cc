#include "supervisord/command_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace sn {
namespace {

CommandLine parse(std::vector<std::string> args) {
  args.insert(args.begin(), "supervisord");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return parse_command_line(static_cast<int>(args.size()), argv.data());
}

TEST(CommandLine, ShortAndLongOptions) {
  CommandLine cl = parse({"-c",
                          "/etc/s.conf",
                          "-n",
                          "-s",
                          "-u",
                          "root",
                          "-m",
                          "077",
                          "-d",
                          "/",
                          "-l",
                          "/tmp/x.log",
                          "-y",
                          "1MB",
                          "-z",
                          "3",
                          "-e",
                          "debug",
                          "-j",
                          "/tmp/x.pid",
                          "-i",
                          "ident",
                          "-q",
                          "/tmp",
                          "-k",
                          "-a",
                          "2048",
                          "-t",
                          "--minprocs",
                          "300",
                          "--profile_options",
                          "cumulative"});
  EXPECT_EQ(cl.action, CommandLine::Action::kRun);
  EXPECT_EQ(cl.configuration, "/etc/s.conf");
  EXPECT_TRUE(cl.nodaemon && cl.silent && cl.nocleanup && cl.strip_ansi);
  EXPECT_EQ(cl.user, "root");
  EXPECT_EQ(cl.umask, "077");
  EXPECT_EQ(cl.minprocs, "300");
  EXPECT_EQ(cl.profile_options, "cumulative");
  CommandLine lng = parse({"--configuration=/x.conf", "--nodaemon", "--loglevel", "warn", "--identifier=abc"});
  EXPECT_EQ(lng.configuration, "/x.conf");
  EXPECT_TRUE(lng.nodaemon);
  EXPECT_EQ(lng.loglevel, "warn");
  EXPECT_EQ(lng.identifier, "abc");
}

TEST(CommandLine, HelpAndVersion) {
  EXPECT_EQ(parse({"-h"}).action, CommandLine::Action::kHelp);
  EXPECT_EQ(parse({"--help"}).action, CommandLine::Action::kHelp);
  EXPECT_EQ(parse({"-?"}).action, CommandLine::Action::kHelp);
  EXPECT_EQ(parse({"-v"}).action, CommandLine::Action::kVersion);
  EXPECT_EQ(parse({"--version"}).action, CommandLine::Action::kVersion);
  EXPECT_EQ(parse({"--sample-config"}).action, CommandLine::Action::kSampleConfig);
  EXPECT_NE(usage_text("supervisord").find("--sample-config"), std::string::npos);
  EXPECT_NE(usage_text("/usr/bin/supervisord").find("Usage: /usr/bin/supervisord [options]"), std::string::npos);
}

TEST(CommandLine, UsageErrors) {
  EXPECT_THROW(parse({"-x"}), UsageError);
  EXPECT_THROW(parse({"--bogus"}), UsageError);
  EXPECT_THROW(parse({"-c"}), UsageError);
  try {
    parse({"extra"});
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "positional arguments are not supported: extra");
  }
}

TEST(CommandLine, OverridesWinOverTheFile) {
  test::TempDir dir;
  SupervisordConfig c;
  c.loglevel = LogLevel::kInfo;
  CommandLine cl = parse({"-n",
                          "-e",
                          "error",
                          "-y",
                          "2KB",
                          "-z",
                          "4",
                          "-m",
                          "077",
                          "-i",
                          "cli",
                          "-q",
                          dir.path(),
                          "-a",
                          "4096",
                          "--minprocs",
                          "500",
                          "-l",
                          dir.file("m.log"),
                          "-j",
                          dir.file("p.pid"),
                          "-k",
                          "-t",
                          "-s",
                          "--subprocpidfile",
                          dir.file("sub.pids")});
  apply_command_line(cl, &c);
  EXPECT_TRUE(c.nodaemon);
  EXPECT_TRUE(c.silent);
  EXPECT_TRUE(c.nocleanup);
  EXPECT_TRUE(c.strip_ansi);
  EXPECT_EQ(c.loglevel, LogLevel::kError);
  EXPECT_EQ(c.logfile_maxbytes, 2048);
  EXPECT_EQ(c.logfile_backups, 4);
  EXPECT_EQ(c.umask, 077u);
  EXPECT_EQ(c.identifier, "cli");
  EXPECT_EQ(c.childlogdir, dir.path());
  EXPECT_EQ(c.minfds, 4096);
  EXPECT_EQ(c.minprocs, 500);
  EXPECT_EQ(c.logfile, dir.file("m.log"));
  EXPECT_EQ(c.pidfile, dir.file("p.pid"));
  EXPECT_EQ(c.subprocpidfile, dir.file("sub.pids"));
}

TEST(CommandLine, BadOverrideValuesAreUsageErrors) {
  SupervisordConfig c;
  EXPECT_THROW(apply_command_line(parse({"-e", "loud"}), &c), UsageError);
  EXPECT_THROW(apply_command_line(parse({"-m", "9"}), &c), UsageError);
  EXPECT_THROW(apply_command_line(parse({"-u", "no-such-user-xyz"}), &c), UsageError);
  EXPECT_THROW(apply_command_line(parse({"-d", "/nonexistent"}), &c), UsageError);
  EXPECT_THROW(apply_command_line(parse({"-a", "many"}), &c), UsageError);
  try {
    apply_command_line(parse({"-e", "loud"}), &c);
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("-e/--loglevel"), std::string::npos);
  }
}

}  // namespace
}  // namespace sn
