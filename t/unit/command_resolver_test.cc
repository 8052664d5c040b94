#include "supervisord/process/command_resolver.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_util.h"

namespace sn {
namespace {

ProcessConfig with_command(const std::string& command) {
  ProcessConfig c;
  c.name = "x";
  c.command = command;
  return c;
}

TEST(CommandResolver, AbsoluteCommand) {
  ResolvedCommand r = resolve_command(with_command("/bin/sh -c 'echo hi'"), "");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.filename, "/bin/sh");
  EXPECT_EQ(r.argv, (std::vector<std::string>{"/bin/sh", "-c", "echo hi"}));
}

TEST(CommandResolver, SearchesInheritedPath) {
  ResolvedCommand r = resolve_command(with_command("sleep 1"), "/nonexistent:/bin");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.filename, "/bin/sleep");
  EXPECT_EQ(r.argv[0], "sleep");
}

TEST(CommandResolver, ProgramPathWinsOverInheritedPath) {
  test::TempDir dir;
  std::string tool = dir.write("tool", "#!/bin/sh\n");
  ::chmod(tool.c_str(), 0755);
  ProcessConfig c = with_command("tool");
  c.environment = {{"PATH", dir.path()}};
  ResolvedCommand r = resolve_command(c, "/bin:/usr/bin");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.filename, tool);
}

TEST(CommandResolver, NotFound) {
  ResolvedCommand r = resolve_command(with_command("no-such-program-xyz"), "/bin");
  EXPECT_EQ(r.problem, ResolvedCommand::Problem::kNotFound);
  EXPECT_EQ(r.error, "can't find command 'no-such-program-xyz'");
  r = resolve_command(with_command("/nonexistent/prog"), "/bin");
  EXPECT_EQ(r.error, "can't find command '/nonexistent/prog'");
}

TEST(CommandResolver, NotExecutable) {
  test::TempDir dir;
  std::string plain = dir.write("plain", "data");
  ::chmod(plain.c_str(), 0644);
  ResolvedCommand r = resolve_command(with_command(plain), "");
  EXPECT_EQ(r.problem, ResolvedCommand::Problem::kNotExecutable);
  EXPECT_EQ(r.error, "command at '" + plain + "' is not executable");
  r = resolve_command(with_command(dir.path()), "");
  EXPECT_EQ(r.error, "command at '" + dir.path() + "' is a directory");
}

TEST(CommandResolver, UnparseableAndEmptyCommands) {
  ResolvedCommand r = resolve_command(with_command("echo 'oops"), "");
  EXPECT_EQ(r.problem, ResolvedCommand::Problem::kNotExecutable);
  EXPECT_EQ(r.error, "can't parse command \"echo 'oops\": No closing quotation");
  r = resolve_command(with_command("   "), "");
  EXPECT_EQ(r.error, "command is empty");
}

}  // namespace
}  // namespace sn
