// fg against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;
using test::info;

TEST(FgCommand, FollowsBothChannelsAndSendsTypedLines) {
  CtlHarness h;
  h.server.answer("supervisor.getProcessInfo", info("cat", "cat", "RUNNING", 20));
  h.server.answer("supervisor.sendProcessStdin", true);
  h.server.typed = {"hello"};
  h.server.follow_end = ServerConnection::FollowEnd::kInputEnded;
  EXPECT_EQ(h.run("fg cat"), std::make_pair(0, std::string("==> Press Ctrl-C to exit <==\nExiting foreground\n")));
  EXPECT_EQ(h.server.followed.back(), (std::vector<std::string>{"/logtail/cat/stdout", "/logtail/cat/stderr"}));
  bool sent = false;
  for (const auto& c : h.server.calls) {
    if (c.method == "supervisor.sendProcessStdin") {
      EXPECT_EQ(c.params, (std::vector<XmlRpcValue>{"cat", "hello\n"}));
      sent = true;
    }
  }
  EXPECT_TRUE(sent);
}

TEST(FgCommand, SaysWhenTheProcessDied) {
  CtlHarness h;
  h.server.answer("supervisor.getProcessInfo", info("cat", "cat", "RUNNING", 20));
  h.server.fault("supervisor.sendProcessStdin", FaultCode::kNotRunning);
  h.server.typed = {"x"};
  EXPECT_EQ(h.run("fg cat").second, "==> Press Ctrl-C to exit <==\nProcess got killed\nExiting foreground\n");
}

TEST(FgCommand, NoticesAfterALineThatTheProcessStopped) {
  CtlHarness h;
  h.server.answer("supervisor.getProcessInfo", info("cat", "cat", "RUNNING", 20));
  h.server.answer("supervisor.getProcessInfo", info("cat", "cat", "EXITED", 100));
  h.server.answer("supervisor.sendProcessStdin", true);
  h.server.typed = {"quit", "never sent"};
  EXPECT_EQ(h.run("fg cat"), std::make_pair(0, std::string("==> Press Ctrl-C to exit <==\nProcess got killed\n"
                                                           "Exiting foreground\n")));
  int sent = 0;
  for (const auto& c : h.server.calls) sent += c.method == "supervisor.sendProcessStdin";
  EXPECT_EQ(sent, 1);
}

TEST(FgCommand, Errors) {
  CtlHarness h;
  EXPECT_EQ(h.run("fg").second.rfind("ERROR: no process name supplied\nfg <process>", 0), 0u);
  EXPECT_EQ(h.run("fg a b"), std::make_pair(1, std::string("ERROR: too many process names supplied\n")));
  h.server.fault("supervisor.getProcessInfo", FaultCode::kBadName);
  EXPECT_EQ(h.run("fg nope"), std::make_pair(1, std::string("ERROR: bad process name supplied\n")));
  CtlHarness h2;
  h2.server.answer("supervisor.getProcessInfo", info("cat", "cat", "STOPPED", 0));
  EXPECT_EQ(h2.run("fg cat"), std::make_pair(1, std::string("ERROR: process not running\n")));
}

}  // namespace
}  // namespace sn
