// avail, reread, add, remove and update against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;
using test::info;
using test::result;

XmlRpcValue changes(XmlRpcValue::Array added, XmlRpcValue::Array changed, XmlRpcValue::Array removed) {
  return XmlRpcValue::array({XmlRpcValue::array({XmlRpcValue(added), XmlRpcValue(changed), XmlRpcValue(removed)})});
}

TEST(ConfigCommands, AvailColumns) {
  CtlHarness h;
  h.server.answer("supervisor.getAllConfigInfo",
                  XmlRpcValue::array({XmlRpcValue(XmlRpcValue::Struct{{"name", "web"},
                                                                      {"group", "web"},
                                                                      {"inuse", true},
                                                                      {"autostart", false},
                                                                      {"group_prio", 999},
                                                                      {"process_prio", 5}})}));
  EXPECT_EQ(h.run("avail"),
            std::make_pair(0, std::string("web                              in use    manual    999:5\n")));
  EXPECT_EQ(h.run("avail x").first, 1);
}

TEST(ConfigCommands, RereadSortsByNameAndSaysWhenNothingChanged) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", changes({"b"}, {"a"}, {"c"}));
  EXPECT_EQ(h.run("reread").second, "a: changed\nb: available\nc: disappeared\n");
  CtlHarness h2;
  h2.server.answer("supervisor.reloadConfig", changes({}, {}, {}));
  EXPECT_EQ(h2.run("reread").second, "No config updates to processes\n");
  CtlHarness h3;
  h3.server.fault("supervisor.reloadConfig", FaultCode::kCantReread, "CANT_REREAD: bad line");
  EXPECT_EQ(h3.run("reread"), std::make_pair(1, std::string("ERROR: CANT_REREAD: bad line\n")));
}

TEST(ConfigCommands, AMalformedReloadAnswerIsAnErrorNotACrash) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", XmlRpcValue::array({XmlRpcValue::array({"x"})}));
  auto [rc, out] = h.run("reread");
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("unexpected answer"), std::string::npos);
}

TEST(ConfigCommands, UpdateRemovesChangesAndAddsInThatOrder) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", changes({"new"}, {"chg"}, {"old"}));
  h.server.answer("supervisor.stopProcessGroup", XmlRpcValue::array({}));
  h.server.answer("supervisor.removeProcessGroup", true);
  // supervisor's answer to adding an active group: then the whole group.
  h.server.fault("supervisor.addProcessGroup", FaultCode::kAlreadyAdded);
  h.server.answer("supervisor.addProcessGroup", true);
  EXPECT_EQ(h.run("update"), std::make_pair(0, std::string("old: stopped\nold: removed process group\nchg: stopped\n"
                                                           "chg: updated process group\nnew: added process group\n")));
  EXPECT_EQ(h.server.methods(),
            (std::vector<std::string>{"supervisor.reloadConfig", "supervisor.stopProcessGroup",
                                      "supervisor.removeProcessGroup", "supervisor.addProcessGroup",
                                      "supervisor.stopProcessGroup", "supervisor.removeProcessGroup",
                                      "supervisor.addProcessGroup", "supervisor.addProcessGroup"}));
}

TEST(ConfigCommands, UpdateLetsADaemonWithUpdateRestartsChangedUpdateInPlace) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", changes({}, {"chg"}, {}));
  h.server.answer("supervisor.addProcessGroup", true);
  EXPECT_EQ(h.run("update"), std::make_pair(0, std::string("chg: updated process group\n")));
  EXPECT_EQ(h.server.methods(), (std::vector<std::string>{"supervisor.reloadConfig", "supervisor.addProcessGroup"}));
}

TEST(ConfigCommands, UpdateKeepsAGroupThatWouldNotStop) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", changes({}, {}, {"old"}));
  h.server.answer("supervisor.stopProcessGroup", XmlRpcValue::array({result("old", "a", FaultCode::kFailed)}));
  EXPECT_EQ(h.run("update"), std::make_pair(1, std::string("old: stopped\nold: has problems; not removing\n")));
}

TEST(ConfigCommands, UpdateOfNamedGroups) {
  CtlHarness h;
  h.server.answer("supervisor.reloadConfig", changes({"new", "other"}, {}, {}));
  h.server.answer("supervisor.getAllProcessInfo", XmlRpcValue::array({info("web", "web", "RUNNING", 20)}));
  h.server.answer("supervisor.addProcessGroup", true);
  EXPECT_EQ(h.run("update new web nope"),
            std::make_pair(1, std::string("ERROR: no such group: nope\nnew: added process group\n")));
}

TEST(ConfigCommands, AddAndRemoveFaults) {
  CtlHarness h;
  h.server.fault("supervisor.addProcessGroup", FaultCode::kAlreadyAdded);
  EXPECT_EQ(h.run("add web"), std::make_pair(0, std::string("ERROR: process group already active\n")));
  CtlHarness h2;
  h2.server.fault("supervisor.addProcessGroup", FaultCode::kBadName);
  EXPECT_EQ(h2.run("add x"), std::make_pair(1, std::string("ERROR: no such process/group: x\n")));
  CtlHarness h3;
  h3.server.fault("supervisor.removeProcessGroup", FaultCode::kStillRunning);
  EXPECT_EQ(h3.run("remove web"), std::make_pair(1, std::string("ERROR: process/group still running: web\n")));
}

}  // namespace
}  // namespace sn
