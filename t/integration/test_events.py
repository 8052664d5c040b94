"""Events and [eventlistener:x] pools: a listener written with Debian's
supervisor.childutils (the library existing listeners use) receives
supervisor's envelopes and payloads from our daemon; rejected events come
back; a listener that breaks the protocol is put aside and the daemon goes
on. Where Python supervisord is installed, the same listener runs under it
and sees the same events."""

import json
import os
import re
import time
import unittest

from harness import PYTHON_SUPERVISORD, SUPERVISORD_SECTION, Supervisord, conf, main, rpc, wait_until

HAVE_CHILDUTILS = os.path.exists("/usr/lib/python3/dist-packages/supervisor/childutils.py")

LISTENER = """\
import json, sys
from supervisor import childutils
record, mode = sys.argv[1], sys.argv[2]
rejected = set()
while True:
    headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
    with open(record, "a") as f:
        f.write(json.dumps([headers, payload]) + "\\n")
    if mode == "fail-first" and headers["serial"] not in rejected:
        rejected.add(headers["serial"])
        childutils.listener.fail(sys.stdout)
    else:
        childutils.listener.ok(sys.stdout)
"""

CONFIG = SUPERVISORD_SECTION + """\
identifier=evtest
[unix_http_server]
file={dir}/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[eventlistener:watcher]
command=/usr/bin/python3 -u {dir}/listener.py {dir}/events.jsonl {mode}
events=PROCESS_STATE,REMOTE_COMMUNICATION,SUPERVISOR_STATE_CHANGE,PROCESS_GROUP
buffer_size=50
startsecs=0
[program:crasher]
command=/bin/sh -c "sleep 0.3; exit 3"
startsecs=0
autorestart=false
"""


def listener_section(name, events, *options):
    """An [eventlistener:x] running the recording listener into <name>.jsonl."""
    lines = ["[eventlistener:%s]" % name,
             "command=/usr/bin/python3 -u {dir}/listener.py {dir}/%s.jsonl ok" % name,
             "events=" + events, "startsecs=0"] + list(options)
    return "\n" + "\n".join(lines) + "\n"


def records(d):
    return [json.loads(line) for line in d.read("events.jsonl").splitlines()]


def names(d):
    return [h["eventname"] for h, _ in records(d)]


def start(testcase, mode="ok", binary=None, extra=""):
    d = Supervisord(testcase, conf(CONFIG.replace("{mode}", mode) + extra), binary=binary)
    d.write("listener.py", LISTENER)
    d.start()
    d.wait_log("supervisord started")
    return d


def crasher_exited(d):
    return any(h["eventname"] == "PROCESS_STATE_EXITED" and "processname:crasher" in p for h, p in records(d))


@unittest.skipUnless(HAVE_CHILDUTILS, "Debian's supervisor package (childutils) is not installed")
class Events(unittest.TestCase):
    def test_a_childutils_listener_gets_supervisors_envelopes(self):
        d = start(self)
        wait_until(lambda: crasher_exited(d), 15, what="the crasher's EXITED event")
        got = records(d)
        for i, (h, payload) in enumerate(got):
            self.assertEqual((h["ver"], h["server"], h["pool"]), ("3.0", "evtest", "watcher"))
            self.assertEqual(int(h["poolserial"]), i)
        serials = [int(h["serial"]) for h, _ in got]
        self.assertEqual(serials, sorted(serials))
        self.assertEqual(got[0], [got[0][0], "groupname:watcher\n"])  # the pool hears of its own group
        self.assertEqual(got[0][0]["eventname"], "PROCESS_GROUP_ADDED")
        exited = [p for h, p in got if h["eventname"] == "PROCESS_STATE_EXITED"][0]
        self.assertRegex(exited, r"^processname:crasher groupname:crasher from_state:RUNNING expected:0 pid:\d+$")
        self.assertIn("SUPERVISOR_STATE_CHANGE_RUNNING", names(d))
        starting = [p for h, p in got if h["eventname"] == "PROCESS_STATE_STARTING" and "crasher" in p][0]
        self.assertEqual(starting, "processname:crasher groupname:crasher from_state:STOPPED tries:0")

        proxy = rpc("unix://" + d.path("supervisor.sock"))
        proxy.supervisor.sendRemoteCommEvent("deploy", "version 2\ncaf\u00e9")
        wait_until(lambda: names(d)[-1] == "REMOTE_COMMUNICATION", 10)
        # len counts characters: with bytes, childutils would read one too many
        # and the payload (and every later event) would come out wrong.
        self.assertEqual(records(d)[-1][1], "type:deploy\nversion 2\ncaf\u00e9")
        d.stop()

    def test_a_rejected_event_comes_back(self):
        d = start(self, mode="fail-first")
        wait_until(lambda: crasher_exited(d), 15)
        got = records(d)
        serials = [h["serial"] for h, _ in got]
        # Every event twice in a row: rejected, then delivered again.
        pairs = list(zip(serials[0::2], serials[1::2]))
        self.assertGreaterEqual(len(pairs), 5, serials)
        self.assertTrue(all(a == b for a, b in pairs), serials)
        self.assertIn("watcher: event was rejected", d.messages())
        d.stop()

    def test_a_listener_that_breaks_the_protocol_is_put_aside(self):
        extra = """
[eventlistener:babbler]
command=/bin/sh -c "echo this is not the protocol; exec sleep 1000"
events=PROCESS_STATE
startsecs=0
"""
        d = start(self, extra=extra)
        d.wait_log(r"^babbler: has entered the UNKNOWN state and will no longer receive events")
        wait_until(lambda: crasher_exited(d), 15)  # the other pool still works
        proxy = rpc("unix://" + d.path("supervisor.sock"))
        self.assertEqual(proxy.supervisor.getState()["statename"], "RUNNING")
        d.stop()

    def test_ticks_arrive_on_multiples_of_their_period(self):
        d = start(self, extra=listener_section("ticker", "TICK_5"))
        wait_until(lambda: d.read("ticker.jsonl"), 8, what="a TICK_5")
        h, payload = json.loads(d.read("ticker.jsonl").splitlines()[0])
        self.assertEqual(h["eventname"], "TICK_5")
        self.assertRegex(payload, r"^when:\d+$")
        self.assertEqual(int(payload[5:]) % 5, 0)
        d.stop()

    def test_output_of_a_program_with_events_enabled(self):
        # A listener's stdout is its protocol: no events of its own (no feedback storm).
        extra = listener_section("logs", "PROCESS_LOG", "stdout_events_enabled=true") + """
[program:talker]
command=/bin/sh -c "sleep 0.5; echo said on stdout; echo said on stderr >&2; exec sleep 1000"
stdout_events_enabled=true
stderr_events_enabled=true
startsecs=0
"""
        d = start(self, extra=extra)
        wait_until(lambda: len(d.read("logs.jsonl").splitlines()) >= 2, 10, what="two PROCESS_LOG events")
        time.sleep(0.5)  # anything more would show up now
        got = sorted((h["eventname"], re.sub(r"pid:\d+", "pid:N", p))
                     for h, p in map(json.loads, d.read("logs.jsonl").splitlines()))
        self.assertEqual(got, [
            ("PROCESS_LOG_STDERR", "processname:talker groupname:talker pid:N channel:stderr\nsaid on stderr\n"),
            ("PROCESS_LOG_STDOUT", "processname:talker groupname:talker pid:N channel:stdout\nsaid on stdout\n"),
        ])
        d.stop()

    def test_capture_mode_sends_the_text_between_the_tokens(self):
        extra = listener_section("comm", "PROCESS_COMMUNICATION") + """
[program:talker]
command=/bin/sh -c "sleep 0.5; printf 'before<!--XSUPERVISOR:BEGIN-->captured data<!--XSUPERVISOR:END-->after, and a long enough tail\\n'; exec sleep 1000"
stdout_logfile={dir}/talker.log
stdout_capture_maxbytes=1KB
startsecs=0
"""
        daemons = [start(self, extra=extra)]
        if os.path.exists(PYTHON_SUPERVISORD):
            daemons.append(start(self, extra=extra, binary=PYTHON_SUPERVISORD))
        seen = []
        for d in daemons:
            wait_until(lambda: d.read("comm.jsonl"), 10, what="a PROCESS_COMMUNICATION event")
            wait_until(lambda: "tail" in d.read("talker.log"), 10)
            h, payload = json.loads(d.read("comm.jsonl").splitlines()[0])
            seen.append((h["eventname"], re.sub(r"pid:\d+", "pid:N", payload), d.read("talker.log")))
        self.assertEqual(seen[0], ("PROCESS_COMMUNICATION_STDOUT", "processname:talker groupname:talker pid:N\ncaptured data",
                                   "beforeafter, and a long enough tail\n"))
        for other in seen[1:]:
            self.assertEqual(other, seen[0])  # Python supervisord: the same event and log
        for d in daemons:
            d.stop()

    def test_a_stamped_log_leaves_events_and_captures_raw(self):
        # stdout_log_timestamps stamps the file only: listeners see what the program wrote.
        extra = listener_section("logs", "PROCESS_LOG,PROCESS_COMMUNICATION") + """
[program:talker]
command=/bin/sh -c "sleep 0.5; echo said on stderr >&2; printf 'before<!--XSUPERVISOR:BEGIN-->captured<!--XSUPERVISOR:END-->after, and a long enough tail\\n'; exec sleep 1000"
stdout_logfile={dir}/talker.out
stdout_log_timestamps=utc
stdout_capture_maxbytes=1KB
stderr_logfile={dir}/talker.err
stderr_log_timestamps=tai64n
stderr_events_enabled=true
startsecs=0
"""
        d = start(self, extra=extra)
        wait_until(lambda: len(d.read("logs.jsonl").splitlines()) >= 2 and "tail" in d.read("talker.out"), 10,
                   what="the events and the log")
        got = sorted((h["eventname"], re.sub(r"pid:\d+", "pid:N", p))
                     for h, p in map(json.loads, d.read("logs.jsonl").splitlines()))
        self.assertEqual(got, [
            ("PROCESS_COMMUNICATION_STDOUT", "processname:talker groupname:talker pid:N\ncaptured"),
            ("PROCESS_LOG_STDERR", "processname:talker groupname:talker pid:N channel:stderr\nsaid on stderr\n"),
        ])
        self.assertRegex(d.read("talker.out"), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z beforeafter, and a long enough tail\n$")
        self.assertRegex(d.read("talker.err"), r"^@4000000[0-9a-f]{17} said on stderr\n$")
        d.stop()

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Python supervisord is not installed")
    def test_the_same_events_as_under_python_supervisord(self):
        def shape(d, ordered=False):
            out = []
            for h, p in records(d):
                p = re.sub(r"pid:\d+", "pid:N", p)
                out.append((h["eventname"], p))
            return out if ordered else sorted(out)
        ours = start(self)
        theirs = start(self, binary=PYTHON_SUPERVISORD)
        for d in (ours, theirs):
            wait_until(lambda: crasher_exited(d), 15)
        # Python's 1 s poll interleaves processes differently (ours acts on
        # each change at once): the same events, and per process the same order.
        self.assertEqual(shape(ours), shape(theirs))
        def per_process(d):
            return [x for x in shape(d, ordered=True) if "processname:crasher" in x[1]]
        self.assertEqual(per_process(ours), per_process(theirs))
        self.assertEqual([n for n, _ in shape(ours, ordered=True)][:3],
                         ["PROCESS_GROUP_ADDED", "PROCESS_GROUP_ADDED", "SUPERVISOR_STATE_CHANGE_RUNNING"])
        ours.stop()
        theirs.stop()


if __name__ == "__main__":
    main()
