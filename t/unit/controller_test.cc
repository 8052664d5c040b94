#include "supervisorctl/controller.h"

#include <gtest/gtest.h>

#include "fake_server_connection.h"
#include "supervisorctl/commands.h"

namespace sn {
namespace {

using test::CtlHarness;

TEST(Controller, UnknownCommandsAndSyntax) {
  CtlHarness h;
  EXPECT_EQ(h.run("frobnicate x"), std::make_pair(1, std::string("*** Unknown syntax: frobnicate x\n")));
  EXPECT_EQ(h.run("  !ls  ").second, "*** Unknown syntax: !ls\n");
  EXPECT_EQ(h.run("").second, "");
  // Like cmd.Cmd: the command is the leading identifier characters.
  h.server.answer("supervisor.getAllProcessInfo", XmlRpcValue::array({}));
  EXPECT_EQ(h.run("status:x").second, ":x: ERROR (no such process)\n");  // the argument is ":x"
}

TEST(Controller, QuestionMarkIsHelp) {
  CtlHarness h;
  EXPECT_EQ(h.run("?quit").second, "quit\tExit the supervisor shell.\n");
}

TEST(Controller, HelpTableMatchesSupervisorctls) {
  CtlHarness h;
  EXPECT_EQ(h.run("help").second,
            "\n"
            "default commands (type help <topic>):\n"
            "=====================================\n"
            "add    exit      open  reload  restart   start   tail   \n"
            "avail  fg        pid   remove  shutdown  status  update \n"
            "clear  maintail  quit  reread  signal    stop    version\n"
            "\n");
  EXPECT_EQ(h.run("help nope").second, "*** No help on nope\n");
  EXPECT_EQ(h.run("help EOF").second, "*** No help on EOF\n");
  EXPECT_EQ(h.run("help help").second,
            "help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>\n");
  EXPECT_EQ(listed_command_names().size(), 21u);
}

TEST(Controller, QuitExitAndEofLeave) {
  for (const char* word : {"quit", "exit", "EOF"}) {
    CtlHarness h;
    EXPECT_EQ(h.run(word).second, "\n");
    EXPECT_TRUE(h.ctl().leaving());
  }
}

TEST(Controller, UpcheckTurnsServerTroubleIntoExitCodes) {
  struct Case {
    std::function<void(test::FakeServer&)> setup;
    int status_exit;
    int other_exit;
    std::string said;
  };
  std::vector<Case> cases = {
      {[](test::FakeServer& s) { s.answer("supervisor.getVersion", "2.0"); }, 4, 5,
       "Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote "
       "version is 2.0.\n"},
      {[](test::FakeServer& s) { s.fault("supervisor.getVersion", FaultCode::kUnknownMethod); }, 4, 3,
       "Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl "
       "uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the "
       "configuration file (see sample.conf).\n"},
      {[](test::FakeServer& s) {
         s.transport_error("supervisor.getVersion", TransportError::Kind::kRefused, "http://h:1 refused connection");
       },
       4, 4, "http://h:1 refused connection\n"},
      {[](test::FakeServer& s) {
         s.transport_error("supervisor.getVersion", TransportError::Kind::kNoSuchFile, "unix:///x no such file");
       },
       4, 7, "unix:///x no such file\n"},
      {[](test::FakeServer& s) {
         s.transport_error("supervisor.getVersion", TransportError::Kind::kOther, "http://h:1: Could not resolve");
       },
       1, 1, "http://h:1: Could not resolve\n"},
  };
  for (const Case& c : cases) {
    CtlHarness a, b;
    c.setup(a.server);
    c.setup(b.server);
    EXPECT_EQ(a.run("status"), std::make_pair(c.status_exit, c.said));
    EXPECT_EQ(b.run("stop x"), std::make_pair(c.other_exit, c.said));
  }
}

TEST(Controller, UnexpectedFaultsAreOneLine) {
  CtlHarness h;
  h.server.fault("supervisor.getPID", FaultCode::kFailed, "FAILED: disk on fire");
  EXPECT_EQ(h.run("pid"), std::make_pair(1, std::string("error: <Fault 30: 'FAILED: disk on fire'>\n")));
}

TEST(Controller, A401WithoutPromptingIsOneLine) {
  CtlHarness h;
  h.server.transport_error("supervisor.getVersion", TransportError::Kind::kAuthRequired,
                           "Server requires authentication");
  EXPECT_EQ(h.run("pid"), std::make_pair(1, std::string("Server requires authentication\n")));
  EXPECT_TRUE(h.asked_secret.empty());
}

TEST(Controller, A401PromptsThenRetriesWithTheNewCredentials) {
  CtlHarness h;
  h.options.may_prompt_for_credentials = true;
  h.options.credentials.username = "admin";  // known: only the password is asked
  h.server.transport_error("supervisor.getVersion", TransportError::Kind::kAuthRequired,
                           "Server requires authentication");
  h.answers = {"s3cret"};
  // Every attempt is refused here: it asks, retries, asks again and stops at end of input.
  auto [rc, out] = h.run("pid");
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(out.rfind("Server requires authentication\nPassword:\n", 0), 0u);
  EXPECT_EQ(h.asked_secret, (std::vector<bool>{true, true}));  // no second answer: it stops
  ASSERT_GE(h.connected.size(), 2u);
  EXPECT_EQ(h.connected[1].second.password, "s3cret");
  EXPECT_EQ(h.connected[1].second.username, "admin");
}

TEST(Controller, ExitStatusFromResultFaults) {
  CtlHarness h;
  Controller& c = h.ctl();
  c.set_exit_status_from_fault(80);
  EXPECT_EQ(c.exit_status(), 0);
  c.set_exit_status_from_fault(60, 60);
  EXPECT_EQ(c.exit_status(), 0);
  c.set_exit_status_from_fault(50);
  EXPECT_EQ(c.exit_status(), 7);
  c.set_exit_status_from_fault(10);
  EXPECT_EQ(c.exit_status(), 1);
}

}  // namespace
}  // namespace sn
