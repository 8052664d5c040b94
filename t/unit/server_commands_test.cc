// shutdown, reload, version and open against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;

TEST(ServerCommands, ShutdownOnTheCommandLineDoesNotAsk) {
  CtlHarness h;
  h.server.answer("supervisor.shutdown", true);
  EXPECT_EQ(h.run("shutdown"), std::make_pair(0, std::string("Shut down\n")));
}

TEST(ServerCommands, TheShellAsksFirst) {
  CtlHarness h(/*interactive=*/true);
  h.server.answer("supervisor.shutdown", true);
  h.answers = {"n", "Yes"};
  EXPECT_EQ(h.run("shutdown").second, "Really shut the remote supervisord process down y/N? ");
  EXPECT_EQ(h.run("shutdown").second, "Really shut the remote supervisord process down y/N? Shut down\n");
  EXPECT_EQ(h.server.methods(), (std::vector<std::string>{"supervisor.shutdown"}));
}

TEST(ServerCommands, ShutdownOfAGoneServer) {
  CtlHarness h;
  h.server.transport_error("supervisor.shutdown", TransportError::Kind::kNoSuchFile, "unix:///x no such file");
  EXPECT_EQ(h.run("shutdown"), std::make_pair(1, std::string("ERROR: unix:///x no such file (already shut down?)\n")));
  CtlHarness h2;
  h2.server.fault("supervisor.shutdown", FaultCode::kShutdownState);
  EXPECT_EQ(h2.run("shutdown"), std::make_pair(0, std::string("ERROR: already shutting down\n")));
}

TEST(ServerCommands, ReloadAndVersion) {
  CtlHarness h;
  h.server.answer("supervisor.restart", true);
  h.server.answer("supervisor.getSupervisorVersion", "4.2.5");
  EXPECT_EQ(h.run("reload"), std::make_pair(0, std::string("Restarted supervisord\n")));
  EXPECT_EQ(h.run("version"), std::make_pair(0, std::string("4.2.5\n")));
  EXPECT_EQ(h.run("reload now").second,
            "Error: reload accepts no arguments\nreload \t\tRestart the remote supervisord.\n");
}

TEST(ServerCommands, OpenSwitchesAndShowsStatus) {
  CtlHarness h;
  h.server.answer("supervisor.getAllProcessInfo", XmlRpcValue::array({}));
  EXPECT_EQ(h.run("open ftp://x"), std::make_pair(1, std::string("ERROR: url must be http:// or unix://\n")));
  h.run("open http://127.0.0.1:9002");
  ASSERT_FALSE(h.connected.empty());
  EXPECT_EQ(h.connected.back().first, "http://127.0.0.1:9002");
  EXPECT_EQ(h.ctl().options().server.text, "http://127.0.0.1:9002");
  EXPECT_EQ(h.server.calls.back().method, "supervisor.getAllProcessInfo");
}

}  // namespace
}  // namespace sn
