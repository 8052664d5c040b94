#include "lib/events/event_payload.h"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(EventPayload, ProcessStateAsSupervisorWritesIt) {
  EXPECT_EQ(process_state_payload("quick", "grp", "RUNNING", {{"expected", "0"}, {"pid", "11362"}}),
            "processname:quick groupname:grp from_state:RUNNING expected:0 pid:11362");
  EXPECT_EQ(process_state_payload("web", "web", "BACKOFF", {}), "processname:web groupname:web from_state:BACKOFF");
}

TEST(EventPayload, LogCommunicationRemoteGroupAndTick) {
  EXPECT_EQ(process_log_payload("p", "g", 7, "stderr", "oops\n"),
            "processname:p groupname:g pid:7 channel:stderr\noops\n");
  EXPECT_EQ(process_communication_payload("p", "g", 7, "data"), "processname:p groupname:g pid:7\ndata");
  EXPECT_EQ(remote_communication_payload("deploy", "v2"), "type:deploy\nv2");
  EXPECT_EQ(process_group_payload("grp"), "groupname:grp\n");
  EXPECT_EQ(tick_payload(1700000005), "when:1700000005");
}

TEST(EventPayload, UndecodableOutputIsShownAsPythonBytes) {
  EXPECT_EQ(process_log_payload("p", "g", 1, "stdout", "a\xff"),
            "processname:p groupname:g pid:1 channel:stdout\nUndecodable: b'a\\xff'");
  EXPECT_EQ(decoded_output("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(EventPayload, EnvelopeCountsCharactersLikePython) {
  EventEnvelope e{"mysup", 43, "lst", 23, EventType::kProcessStateExited};
  std::string payload = "processname:quick groupname:grp from_state:RUNNING expected:0 pid:11362";
  EXPECT_EQ(event_envelope(e, payload),
            "ver:3.0 server:mysup serial:43 pool:lst poolserial:23 eventname:PROCESS_STATE_EXITED len:71\n" + payload);
  e.type = EventType::kRemoteCommunication;
  EXPECT_NE(event_envelope(e, "type:x\ncaf\xc3\xa9").find(" len:11\n"), std::string::npos);  // 12 bytes
  e.type = EventType::kSupervisorStateChangeRunning;
  EXPECT_EQ(event_envelope(e, ""),
            "ver:3.0 server:mysup serial:43 pool:lst poolserial:23 eventname:SUPERVISOR_STATE_CHANGE_RUNNING len:0\n");
}

}  // namespace
}  // namespace sn
