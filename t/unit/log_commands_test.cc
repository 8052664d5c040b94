// tail and maintail against a scripted server.
#include <gtest/gtest.h>

#include "fake_server_connection.h"

namespace sn {
namespace {

using test::CtlHarness;

TEST(LogCommands, TailReadsTheLast1600BytesByDefault) {
  CtlHarness h;
  h.server.answer("supervisor.readProcessStdoutLog", "hello\n");
  EXPECT_EQ(h.run("tail web"), std::make_pair(0, std::string("hello\n\n")));
  EXPECT_EQ(h.server.calls.back().params, (std::vector<XmlRpcValue>{"web", int64_t{-1600}, 0}));
}

TEST(LogCommands, TailBytesAndChannel) {
  CtlHarness h;
  h.server.answer("supervisor.readProcessStderrLog", "e");
  h.run("tail -100 web STDERR");
  EXPECT_EQ(h.server.calls.back().method, "supervisor.readProcessStderrLog");
  EXPECT_EQ(h.server.calls.back().params, (std::vector<XmlRpcValue>{"web", int64_t{-100}, 0}));
}

TEST(LogCommands, TailArgumentErrors) {
  CtlHarness h;
  EXPECT_EQ(h.run("tail").second.rfind("Error: too few arguments\ntail [-f] <name>", 0), 0u);
  EXPECT_EQ(h.run("tail a b c d").second.rfind("Error: too many arguments\n", 0), 0u);
  EXPECT_EQ(h.run("tail -x web"), std::make_pair(1, std::string("Error: bad argument -x\n")));
  EXPECT_EQ(h.run("tail web bogus"), std::make_pair(1, std::string("Error: bad channel 'bogus'\n")));
  EXPECT_EQ(h.run("tail -5"), std::make_pair(1, std::string("Error: tail requires process name\n")));
}

TEST(LogCommands, TailFaults) {
  for (auto [code, why] :
       {std::pair{FaultCode::kNoFile, "no log file"}, std::pair{FaultCode::kFailed, "unknown error reading log"},
        std::pair{FaultCode::kBadName, "no such process name"}}) {
    CtlHarness h;
    h.server.fault("supervisor.readProcessStdoutLog", code);
    EXPECT_EQ(h.run("tail web"), std::make_pair(1, "web: ERROR (" + std::string(why) + ")\n"));
  }
}

TEST(LogCommands, TailFChecksTheNameThenFollowsTheChannel) {
  CtlHarness h;
  h.server.answer("supervisor.readProcessStderrLog", "");
  EXPECT_EQ(h.run("tail -f g:web stderr"), std::make_pair(0, std::string("==> Press Ctrl-C to exit <==\n\n")));
  EXPECT_EQ(h.server.followed, (std::vector<std::vector<std::string>>{{"/logtail/g:web/stderr"}}));
  CtlHarness h2;
  h2.server.fault("supervisor.readProcessStdoutLog", FaultCode::kBadName);
  EXPECT_EQ(h2.run("tail -f nope"), std::make_pair(1, std::string("nope: ERROR (no such process name)\n")));
  EXPECT_TRUE(h2.server.followed.empty());
}

TEST(LogCommands, Maintail) {
  CtlHarness h;
  h.server.answer("supervisor.readLog", "log");
  EXPECT_EQ(h.run("maintail -300"), std::make_pair(0, std::string("log\n")));
  EXPECT_EQ(h.server.calls.back().params, (std::vector<XmlRpcValue>{int64_t{-300}, 0}));
  EXPECT_EQ(h.run("maintail 5"), std::make_pair(1, std::string("Error: bad argument 5\n")));
  CtlHarness following;
  following.server.follow_end = ServerConnection::FollowEnd::kStreamsEnded;  // the server went away
  EXPECT_EQ(following.run("maintail -f"), std::make_pair(0, std::string("==> Press Ctrl-C to exit <==\n")));
  EXPECT_EQ(following.server.followed.back(), (std::vector<std::string>{"/mainlogtail"}));
  CtlHarness h2;
  h2.server.fault("supervisor.readLog", FaultCode::kNoFile);
  EXPECT_EQ(h2.run("maintail"), std::make_pair(1, std::string("supervisord: ERROR (no log file)\n")));
}

}  // namespace
}  // namespace sn
