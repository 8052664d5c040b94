"""Debian's supervisorctl (Python supervisor 4.2.5), a client nobody here
wrote, drives our daemon through a scenario of commands; the same scenario
runs against Python supervisord on the same configuration and every
command's output and exit status must match (pids, uptimes, dates and
versions normalised)."""

import os
import re
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from harness import PYTHON_SUPERVISORD, SUPERVISORD_SECTION, Supervisord, conf, main, rpc, wait_until  # noqa: E402

SUPERVISORCTL = "/usr/bin/supervisorctl"

CONFIG = SUPERVISORD_SECTION + """\
identifier=ctl
[unix_http_server]
file={dir}/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
[program:quick]
; lingers a little: a child that is already gone when Python supervisord
; first looks makes its startProcess answer ABNORMAL_TERMINATION instead
command=/bin/sh -c "echo out; echo err >&2; exec /bin/sleep 0.5"
startsecs=0
autostart=false
autorestart=false
[program:talker]
command=/bin/sh -c "echo hello; exec /bin/sleep 1000"
startsecs=0
[program:fail]
command=/bin/false
autostart=false
; long enough that Python's 1 s poll cannot mistake the exit for a run
startsecs=10
startretries=0
[program:ghost]
command=/nonexistent/ghost
autostart=false
[group:grp]
programs=g1,g2
[program:g1]
command=/bin/sleep 1000
startsecs=0
[program:g2]
command=/bin/sleep 1000
startsecs=0
"""

LATE = """
[program:late]
command=/bin/sleep 1000
startsecs=0
"""

# Where we differ from Python supervisor on purpose: label -> (our result, why).
DELIBERATE = {
    "tail cleared": ((0, "\n"), "Python's clear is a no-op while a process is stopped (its log "
                                 "handlers exist only while the process runs); ours empties the logs"),
}

# Python lists the results that were not ready at once as its 50 ms polls
# find each process settled, so its order depends on timing (under load too
# for `start all`, where /bin/false may die before Python first looks); ours
# is what Python shows on an idle machine. Compared as sets of lines, and
# ours checked exactly.
ORDER_VARIES = {
    "start all": "ghost: ERROR (no such file)\ngrp:g1: started\ngrp:g2: started\nquick: started\n"
                 "sleeper: started\ntalker: started\nlate: started\nfail: ERROR (spawn error)\n",
    "stop group": "grp:g1: stopped\ngrp:g2: stopped\n",
    "stop all": "grp:g1: stopped\ngrp:g2: stopped\nsleeper: stopped\ntalker: stopped\nlate: stopped\n",
}

# (label, supervisorctl arguments); None arguments: a pause or a config edit.
SCENARIO = [
    ("status", ["status"]),
    ("status one", ["status", "sleeper"]),
    ("status group", ["status", "grp:*"]),
    ("status unknown", ["status", "nope"]),
    ("pid", ["pid"]),
    ("pid of", ["pid", "sleeper"]),
    ("pid unknown", ["pid", "nope"]),
    ("avail", ["avail"]),
    ("start quick", ["start", "quick"]),
    ("wait quick", None),
    ("tail quick", ["tail", "quick"]),
    ("tail quick stderr", ["tail", "quick", "stderr"]),
    ("tail bytes", ["tail", "-2", "quick"]),
    ("tail unknown", ["tail", "nope"]),
    ("start running", ["start", "sleeper"]),
    ("start unknown", ["start", "nope"]),
    ("start fail", ["start", "fail"]),
    ("start ghost", ["start", "ghost"]),
    ("stop", ["stop", "sleeper"]),
    ("stop again", ["stop", "sleeper"]),
    ("status stopped", ["status", "sleeper"]),
    ("start", ["start", "sleeper"]),
    ("restart", ["restart", "sleeper"]),
    ("stop group", ["stop", "grp:*"]),
    ("start group", ["start", "grp:*"]),
    ("signal", ["signal", "CONT", "sleeper"]),
    ("signal bad", ["signal", "BOGUS", "sleeper"]),
    ("signal stopped", ["signal", "CONT", "quick"]),
    ("clear", ["clear", "quick"]),
    ("tail cleared", ["tail", "quick"]),
    ("tail running", ["tail", "talker"]),
    ("clear running", ["clear", "talker"]),
    ("tail running cleared", ["tail", "talker"]),
    ("clear unknown", ["clear", "nope"]),
    ("reread unchanged", ["reread"]),
    ("edit", None),
    ("reread", ["reread"]),
    ("avail after reread", ["avail"]),
    ("update", ["update"]),
    ("wait late", None),
    ("status late", ["status", "late"]),
    ("remove running", ["remove", "late"]),
    ("stop late", ["stop", "late"]),
    ("remove", ["remove", "late"]),
    ("add", ["add", "late"]),
    ("add again", ["add", "late"]),
    ("add unknown", ["add", "nope"]),
    ("stop all", ["stop", "all"]),
    ("status all stopped", ["status"]),
    ("start all", ["start", "all"]),
    ("unknown command", ["frobnicate"]),
    ("help", ["help"]),
]


def exit_status_of_result_lines(text):
    """What supervisorctl's exit status is after printing these start/stop
    result lines: the last failure decides (7 for a process that did not
    run, 1 for others; already started / not running do not count)."""
    status = 0
    for line in text.splitlines():
        if "ERROR (spawn error)" in line or "ERROR (abnormal termination)" in line:
            status = 7
        elif "ERROR (" in line and "already started" not in line and "not running" not in line:
            status = 1
    return status


def normalize(text, daemon):
    text = text.replace(daemon.dir, "DIR")
    text = re.sub(r"pid \d+, uptime \d+:\d\d:\d\d", "pid N, uptime U", text)
    text = re.sub(r"\b[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M\b", "DATE", text)
    text = re.sub(r"(?m)^\d+$", "PID", text)
    text = re.sub(r"---ctl-[A-Za-z0-9_]+\.log", "---ctl-RANDOM.log", text)
    return text


def run_scenario(testcase, daemon, ctl=SUPERVISORCTL):
    url = "unix://" + daemon.path("supervisor.sock")
    proxy = rpc(url)
    out = []
    for label, args in SCENARIO:
        if label == "wait quick":
            wait_until(lambda: proxy.supervisor.getProcessInfo("quick")["statename"] == "EXITED", 15)
            time.sleep(0.2)
            continue
        if label == "wait late":
            wait_until(lambda: proxy.supervisor.getProcessInfo("late")["statename"] == "RUNNING", 15)
            continue
        if label == "edit":
            with open(daemon.conf, "a") as f:
                f.write(LATE)
            continue
        r = subprocess.run([ctl, "-s", url] + args, capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        out.append((label, r.returncode, normalize(r.stdout + r.stderr, daemon)))
    return out


def start(testcase, binary=None):
    return start_daemon_with(testcase, CONFIG, binary)


def start_daemon_with(testcase, config, binary=None):
    d = Supervisord(testcase, conf(config), binary=binary).start()
    d.wait_log("supervisord started")
    proxy = rpc("unix://" + d.path("supervisor.sock"))
    for name in ("sleeper", "talker", "grp:g1", "grp:g2"):
        wait_until(lambda: proxy.supervisor.getProcessInfo(name)["statename"] == "RUNNING", 15)
    return d


@unittest.skipUnless(os.path.exists(SUPERVISORCTL), "Debian's supervisor package is not installed")
class DebianSupervisorctl(unittest.TestCase):
    def test_status_lists_every_process_with_its_description(self):
        d = start(self)
        r = subprocess.run([SUPERVISORCTL, "-s", "unix://" + d.path("supervisor.sock"), "status"],
                           capture_output=True, text=True, timeout=60)
        # Some programs are not running: supervisorctl's exit status says so.
        self.assertEqual(r.returncode, 3, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual([line.split()[0] for line in lines],
                         ["fail", "ghost", "grp:g1", "grp:g2", "quick", "sleeper", "talker"])
        self.assertRegex(r.stdout, r"(?m)^sleeper +RUNNING +pid \d+, uptime 0:00:\d\d$")
        self.assertRegex(r.stdout, r"(?m)^quick +STOPPED +Not started$")
        d.stop()

    def test_shutdown_stops_the_daemon(self):
        d = start(self)
        r = subprocess.run([SUPERVISORCTL, "-s", "unix://" + d.path("supervisor.sock"), "shutdown"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual((r.returncode, r.stdout), (0, "Shut down\n"))
        wait_until(lambda: d.proc.poll() is not None, 15, what="daemon exit")
        self.assertEqual(d.proc.returncode, 0)

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Python supervisord is not installed")
    def test_same_output_and_exit_status_as_with_python_supervisord(self):
        ours = start(self)
        theirs = start(self, binary=PYTHON_SUPERVISORD)
        a = run_scenario(self, ours)
        b = run_scenario(self, theirs)
        def comparable(label, rc, text):
            if label not in ORDER_VARIES:
                return rc, text
            # The exit status is that of the last failing line, so it follows
            # the order too: each side's must agree with its own order.
            self.assertEqual(rc, exit_status_of_result_lines(text), "%s: %r" % (label, text))
            return sorted(text.splitlines())

        mismatches = ["%s:\n  ours:   %r\n  python: %r" % (label, (rc1, t1), (rc2, t2))
                      for (label, rc1, t1), (_, rc2, t2) in zip(a, b)
                      if comparable(label, rc1, t1) != comparable(label, rc2, t2) and label not in DELIBERATE]
        for label, rc, text in a:
            if label in DELIBERATE:
                self.assertEqual((rc, text), DELIBERATE[label][0], label)
            if label in ORDER_VARIES:
                self.assertEqual(text, ORDER_VARIES[label], label)
        self.assertEqual(mismatches, [], "\n".join(mismatches))
        ours.stop()
        theirs.stop()


if __name__ == "__main__":
    main()
