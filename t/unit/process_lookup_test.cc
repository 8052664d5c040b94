#include "supervisord/rpc/process_lookup.h"

#include <gtest/gtest.h>

#include "fake_process_host.h"
#include "supervisord/rpc/rpc_registry.h"
#include "test_util.h"

namespace sn {
namespace {

TEST(ProcessLookup, FindsProcessesAndGroups) {
  test::TempDir dir;
  ManualClock clock;
  EventLoop loop(clock);
  Logger logger(clock);
  SupervisordConfig config;
  config.childlogdir = dir.path();
  GroupConfig g;
  g.name = "grp";
  ProcessConfig p;
  p.name = "web";
  p.command = "/bin/true";
  g.processes.push_back(p);
  config.groups.push_back(g);
  test::FakeLauncher launcher;
  Supervisor s(loop, logger, config, launcher);
  s.create_groups();
  EXPECT_EQ(lookup(s, "grp:web").process->name(), "web");
  EXPECT_EQ(lookup(s, "grp:*").process, nullptr);
  EXPECT_THROW(lookup(s, "grp"), RpcError) << "a group name alone means that group's process of that name";
  EXPECT_THROW(lookup(s, "web"), RpcError);
  EXPECT_THROW(lookup(s, "grp:nope"), RpcError);
  EXPECT_THROW(lookup_process(s, "grp:*"), RpcError);
  try {
    lookup(s, "nope:x");
  } catch (const RpcError& e) {
    EXPECT_EQ(e.fault.text, "BAD_NAME: nope:x");
  }
}

}  // namespace
}  // namespace sn
