#include "supervisord/events/listener_pool.h"

#include <gtest/gtest.h>

#include <regex>

#include "fake_process_host.h"

namespace sn {
namespace {

using test::FakeProcessHost;

struct PoolFixture {
  explicit PoolFixture(int buffer_size = 10) {
    GroupConfig g;
    g.kind = GroupConfig::Kind::kEventListenerPool;
    g.name = "lst";
    g.buffer_size = buffer_size;
    g.events = {"REMOTE_COMMUNICATION"};
    ProcessConfig p;
    p.name = "lst";
    p.command = "/bin/cat";
    p.startsecs = 0;
    p.event_listener = true;
    p.autorestart = AutoRestart::kNever;
    g.processes.push_back(p);
    group = std::make_unique<ProcessGroup>(std::make_shared<const GroupConfig>(g), host);
    pool = std::make_unique<ListenerPool>(*group, bus, host.logger(), "sup");
    host.on_state_changed = [this](Process& p, ProcessState, bool) { pool->on_state_changed(p); };
    group->start_autostart();
  }
  Process& listener() { return *group->processes()[0]; }
  std::string& sent() { return host.launcher.stdin_data[listener().pid()]; }
  void remote(const std::string& data) { bus.publish({EventType::kRemoteCommunication, "type:t\n" + data}); }
  bool logged(const std::string& pattern) const {
    for (const std::string& l : host.log_lines)
      if (std::regex_search(l, std::regex(pattern))) return true;
    return false;
  }

  FakeProcessHost host;
  EventBus bus;
  std::unique_ptr<ProcessGroup> group;
  std::unique_ptr<ListenerPool> pool;
};

TEST(ListenerPool, NothingIsSentBeforeReadyThenOneEventPerReady) {
  PoolFixture f;
  ASSERT_EQ(f.listener().state(), ProcessState::kRunning);
  f.remote("one");
  f.remote("two");
  EXPECT_EQ(f.sent(), "");
  EXPECT_EQ(f.pool->buffered(), 2u);
  f.pool->on_listener_output(f.listener(), "READY\n");
  EXPECT_TRUE(std::regex_match(f.sent(), std::regex("ver:3\\.0 server:sup serial:\\d+ pool:lst poolserial:0 "
                                                    "eventname:REMOTE_COMMUNICATION len:10\ntype:t\none")));
  EXPECT_EQ(f.pool->listener_state(f.listener()), ListenerState::kBusy);
  f.sent().clear();
  f.pool->on_listener_output(f.listener(), "RESULT 2\nOKREADY\n");
  EXPECT_NE(f.sent().find("poolserial:1 "), std::string::npos);
  EXPECT_NE(f.sent().find("type:t\ntwo"), std::string::npos);
  EXPECT_EQ(f.pool->buffered(), 0u);
}

TEST(ListenerPool, ARejectedEventGoesBackToTheHead) {
  PoolFixture f;
  f.remote("one");
  f.remote("two");
  f.pool->on_listener_output(f.listener(), "READY\n");
  std::string first = f.sent();
  f.sent().clear();
  f.pool->on_listener_output(f.listener(), "RESULT 4\nFAILREADY\n");
  EXPECT_EQ(f.sent(), first);  // the same serial and poolserial again
  EXPECT_TRUE(f.logged("^WARN lst: event was rejected$"));
}

TEST(ListenerPool, AFullBufferDropsTheOldestAndSaysSo) {
  PoolFixture f(2);
  f.remote("one");
  f.remote("two");
  f.remote("three");
  EXPECT_EQ(f.pool->buffered(), 2u);
  EXPECT_TRUE(f.logged("^ERRO pool lst event buffer overflowed, discarding event \\d+$"));
  f.pool->on_listener_output(f.listener(), "READY\n");
  EXPECT_NE(f.sent().find("type:t\ntwo"), std::string::npos);
}

TEST(ListenerPool, AnEventInTheHandsOfADeadListenerIsQueuedAgain) {
  PoolFixture f;
  f.remote("one");
  f.pool->on_listener_output(f.listener(), "READY\n");
  EXPECT_EQ(f.pool->buffered(), 0u);
  std::string first = f.sent();
  f.remote("two");
  f.listener().on_exit(ExitStatus::exited(1));
  EXPECT_EQ(f.pool->buffered(), 2u);
  // Back at the head: the restarted listener gets it before the newer one.
  f.listener().spawn();
  f.pool->on_listener_output(f.listener(), "READY\n");
  std::string again = f.host.launcher.stdin_data[f.listener().pid()];
  EXPECT_NE(again.find("type:t\none"), std::string::npos) << again;
  EXPECT_EQ(again.substr(again.find(" pool:")), first.substr(first.find(" pool:")));
}

TEST(ListenerPool, ProtocolViolationsAreLoggedAndTheListenerIsSetAside) {
  PoolFixture f;
  f.pool->on_listener_output(f.listener(), "garbage!\n");
  EXPECT_EQ(f.pool->listener_state(f.listener()), ListenerState::kUnknown);
  EXPECT_TRUE(f.logged("^WARN lst: has entered the UNKNOWN state and will no longer receive events"));
  f.remote("one");
  EXPECT_EQ(f.sent(), "");
  EXPECT_EQ(f.pool->buffered(), 1u);
}

TEST(ListenerPool, PoolsShareAnEventsSerialAndCountTheirOwn) {
  PoolFixture f;
  GroupConfig g2 = f.group->config();
  g2.name = "other";
  ProcessGroup other(std::make_shared<const GroupConfig>(g2), f.host);
  ListenerPool second(other, f.bus, f.host.logger(), "sup");
  other.start_autostart();
  f.remote("one");
  f.pool->on_listener_output(f.listener(), "READY\n");
  second.on_listener_output(*other.processes()[0], "READY\n");
  std::string a = f.sent();
  std::string b = f.host.launcher.stdin_data[other.processes()[0]->pid()];
  std::smatch ma, mb;
  ASSERT_TRUE(std::regex_search(a, ma, std::regex("serial:(\\d+) pool:lst poolserial:0")));
  ASSERT_TRUE(std::regex_search(b, mb, std::regex("serial:(\\d+) pool:other poolserial:0")));
  EXPECT_EQ(ma[1], mb[1]);
}

TEST(ListenerPool, OnlyTheSubscribedTypesArrive) {
  PoolFixture f;
  f.bus.publish({EventType::kTick5, "when:5"});
  EXPECT_EQ(f.pool->buffered(), 0u);
}

}  // namespace
}  // namespace sn
