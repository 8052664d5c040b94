// status and pid against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;
using test::info;

XmlRpcValue infos() {
  return XmlRpcValue::array({info("g", "a", "RUNNING", 20, "pid 5, uptime 0:00:01", 5),
                             info("web", "web", "STOPPED", 0, "Not started"), info("g", "b", "STARTING", 10, "", 7)});
}

TEST(StatusCommands, ColumnsAndExitStatus) {
  CtlHarness h;
  h.server.answer("supervisor.getAllProcessInfo", infos());
  EXPECT_EQ(h.run("status"),
            std::make_pair(3, std::string("g:a                              RUNNING   pid 5, uptime 0:00:01\n"
                                          "web                              STOPPED   Not started\n"
                                          "g:b                              STARTING  \n")));
  CtlHarness h2;
  h2.server.answer("supervisor.getAllProcessInfo", infos());
  EXPECT_EQ(h2.run("status g:*").first, 0);  // STARTING counts as running
}

TEST(StatusCommands, LongNamesWidenTheFirstColumn) {
  CtlHarness h;
  std::string name(40, 'x');
  h.server.answer("supervisor.getAllProcessInfo", XmlRpcValue::array({info(name, name, "RUNNING", 20, "d")}));
  EXPECT_EQ(h.run("status").second, name + "   RUNNING   d\n");
}

TEST(StatusCommands, UnknownNamesAndGroupsAreExit4) {
  CtlHarness h;
  h.server.answer("supervisor.getAllProcessInfo", infos());
  EXPECT_EQ(h.run("status nope x:*"), std::make_pair(4, std::string("nope: ERROR (no such process)\n"
                                                                    "x: ERROR (no such group)\n")));
}

TEST(StatusCommands, PidOfDaemonProcessesAndAll) {
  CtlHarness h;
  h.server.answer("supervisor.getPID", 42);
  h.server.answer("supervisor.getAllProcessInfo", infos());
  h.server.answer("supervisor.getProcessInfo", info("web", "web", "STOPPED", 0, "", 0));
  EXPECT_EQ(h.run("pid"), std::make_pair(0, std::string("42\n")));
  EXPECT_EQ(h.run("pid all"), std::make_pair(0, std::string("5\n0\n7\n")));
  EXPECT_EQ(h.run("pid web"), std::make_pair(7, std::string("0\n")));
  CtlHarness h2;
  h2.server.fault("supervisor.getProcessInfo", FaultCode::kBadName);
  EXPECT_EQ(h2.run("pid nope"), std::make_pair(1, std::string("No such process nope\n")));
}

}  // namespace
}  // namespace sn
