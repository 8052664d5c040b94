// start, stop, restart, signal and clear against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;
using test::result;

TEST(ProcessCommands, StartWordsEveryResultAndSetsTheExitStatus) {
  CtlHarness h;
  h.server.answer(
      "supervisor.startAllProcesses",
      XmlRpcValue::array({result("a", "a", FaultCode::kSuccess), result("g", "b", FaultCode::kAlreadyStarted),
                          result("g", "c", FaultCode::kNoFile), result("d", "d", FaultCode::kSpawnError),
                          result("e", "e", FaultCode::kNotExecutable),
                          result("f", "f", FaultCode::kAbnormalTermination)}));
  EXPECT_EQ(h.run("start all"),
            std::make_pair(7, std::string("a: started\ng:b: ERROR (already started)\ng:c: ERROR (no such file)\n"
                                          "d: ERROR (spawn error)\ne: ERROR (file is not executable)\n"
                                          "f: ERROR (abnormal termination)\n")));
}

TEST(ProcessCommands, AlreadyStartedDoesNotFailAndUnknownNamesDo) {
  CtlHarness h;
  h.server.fault("supervisor.startProcess", FaultCode::kAlreadyStarted);
  EXPECT_EQ(h.run("start web"), std::make_pair(0, std::string("web: ERROR (already started)\n")));
  CtlHarness h2;
  h2.server.fault("supervisor.startProcess", FaultCode::kBadName);
  EXPECT_EQ(h2.run("start g:web"), std::make_pair(1, std::string("g:web: ERROR (no such process)\n")));
  CtlHarness h3;
  h3.server.fault("supervisor.startProcessGroup", FaultCode::kBadName);
  EXPECT_EQ(h3.run("start g:*"), std::make_pair(2, std::string("g: ERROR (no such group)\n")));
  EXPECT_EQ(h3.server.calls.back().params, (std::vector<XmlRpcValue>{"g"}));
}

TEST(ProcessCommands, MissingNamesShowHelp) {
  CtlHarness h;
  auto [rc, out] = h.run("start");
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out.rfind("Error: start requires a process name\nstart <name>\t\tStart a process\n", 0), 0u);
  EXPECT_EQ(h.run("stop").first, 1);
  EXPECT_EQ(h.run("restart").first, 1);
  EXPECT_EQ(h.run("clear").first, 1);
  EXPECT_EQ(h.run("signal HUP").second.rfind("Error: signal requires a signal name and a process name\n", 0), 0u);
}

TEST(ProcessCommands, StopIgnoresNotRunningAndPrintsFailuresVerbatim) {
  CtlHarness h;
  h.server.answer("supervisor.stopProcessGroup",
                  XmlRpcValue::array({result("g", "a", FaultCode::kNotRunning),
                                      result("g", "b", FaultCode::kFailed, "FAILED: g:b could not be stopped")}));
  EXPECT_EQ(h.run("stop g:"),
            std::make_pair(1, std::string("g:a: ERROR (not running)\nFAILED: g:b could not be stopped\n")));
  CtlHarness h2;
  h2.server.answer("supervisor.stopProcess", true);
  EXPECT_EQ(h2.run("stop web"), std::make_pair(0, std::string("web: stopped\n")));
}

TEST(ProcessCommands, RestartIsStopThenStart) {
  CtlHarness h;
  h.server.answer("supervisor.stopProcess", true);
  h.server.answer("supervisor.startProcess", true);
  EXPECT_EQ(h.run("restart web").second, "web: stopped\nweb: started\n");
  EXPECT_EQ(h.server.methods(),
            (std::vector<std::string>{"supervisor.getVersion", "supervisor.getVersion", "supervisor.stopProcess",
                                      "supervisor.getVersion", "supervisor.startProcess"}));
}

TEST(ProcessCommands, SignalPassesTheSignalWhereSupervisorWantsIt) {
  CtlHarness h;
  h.server.answer("supervisor.signalProcess", true);
  h.server.answer("supervisor.signalProcessGroup", XmlRpcValue::array({result("g", "a", FaultCode::kSuccess)}));
  h.server.fault("supervisor.signalAllProcesses", FaultCode::kBadSignal);
  EXPECT_EQ(h.run("signal HUP web g:*").second, "web: signalled\ng:a: signalled\n");
  EXPECT_EQ(h.server.calls[1].params, (std::vector<XmlRpcValue>{"web", "HUP"}));
  EXPECT_EQ(h.server.calls[2].params, (std::vector<XmlRpcValue>{"g", "HUP"}));
  CtlHarness h2;
  h2.server.fault("supervisor.signalProcess", FaultCode::kBadSignal);
  EXPECT_EQ(h2.run("signal BOGUS web"), std::make_pair(1, std::string("web: ERROR (bad signal name)\n")));
}

TEST(ProcessCommands, ClearOfAGroupNameSaysNoneAsSupervisorctlDoes) {
  CtlHarness h;
  h.server.fault("supervisor.clearProcessLogs", FaultCode::kBadName);
  EXPECT_EQ(h.run("clear g:*"), std::make_pair(1, std::string("g:None: ERROR (no such process)\n")));
  CtlHarness h2;
  h2.server.answer("supervisor.clearAllProcessLogs",
                   XmlRpcValue::array({result("a", "a", FaultCode::kSuccess), result("b", "b", FaultCode::kFailed)}));
  EXPECT_EQ(h2.run("clear all"), std::make_pair(1, std::string("a: cleared\nb: ERROR (failed)\n")));
}

}  // namespace
}  // namespace sn
