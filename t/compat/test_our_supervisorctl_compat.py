"""Our supervisorctl against Debian's (Python supervisor 4.2.5): the same
command scripts run through both, each against a fresh copy of our daemon
on the same configuration, and every command's output and exit status must
match (pids, uptimes and the program's path normalised). Covers every
command with good and bad arguments, the shell fed through a pipe, option
errors, an unreachable server and Basic auth."""

import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
sys.path.insert(0, os.path.dirname(__file__))
from harness import PYTHON_SUPERVISORCTL, SUPERVISORCTL, free_port, main, rpc, wait_until  # noqa: E402
import test_supervisorctl_compat as scenario  # noqa: E402

AUTH_SECTION = """
[inet_http_server]
port=127.0.0.1:{port}
username=admin
password=s3cret
"""

COMMANDS = ["add", "avail", "clear", "exit", "fg", "help", "maintail", "open", "pid", "quit", "reload",
            "remove", "reread", "restart", "shutdown", "signal", "start", "status", "stop", "tail",
            "update", "version"]

# Run after the shared scenario; none of these changes what later ones see.
MORE = [("help " + c, ["help", c]) for c in COMMANDS] + [
    ("help unknown", ["help", "nope"]),
    ("help two words", ["help", "start stop"]),
    ("question mark", ["?stop"]),
    ("empty", [""]),
    ("start no args", ["start"]),
    ("stop no args", ["stop"]),
    ("restart no args", ["restart"]),
    ("signal no args", ["signal"]),
    ("signal one arg", ["signal", "HUP"]),
    ("clear no args", ["clear"]),
    ("tail no args", ["tail"]),
    ("tail too many", ["tail", "a", "b", "c", "d"]),
    ("tail bad modifier", ["tail", "-x", "quick"]),
    ("tail bad channel", ["tail", "quick", "bogus"]),
    ("tail modifier only", ["tail", "-5"]),
    ("tail upper channel", ["tail", "quick", "STDERR"]),
    ("tail unknown stderr", ["tail", "nope", "stderr"]),
    ("maintail bad", ["maintail", "-x"]),
    ("maintail no dash", ["maintail", "5"]),
    ("maintail too many", ["maintail", "-5", "-6"]),
    ("fg no args", ["fg"]),
    ("fg two", ["fg", "a", "b"]),
    ("fg unknown", ["fg", "nope"]),
    ("fg not running", ["fg", "ghost"]),
    ("version", ["version"]),
    ("version arg", ["version", "x"]),
    ("avail arg", ["avail", "x"]),
    ("reread arg", ["reread", "x"]),
    ("shutdown arg", ["shutdown", "x"]),
    ("reload arg", ["reload", "x"]),
    ("open bogus", ["open", "bogus://x"]),
    ("pid all", ["pid", "all"]),
    ("pid stopped", ["pid", "ghost"]),
    ("pid two", ["pid", "sleeper", "nope"]),
    ("status several", ["status", "grp:*", "sleeper", "nope", "nope:*"]),
    ("status all word", ["status", "all"]),
    ("start unknown group", ["start", "nope:*"]),
    ("stop unknown group", ["stop", "nope:*"]),
    ("signal unknown group", ["signal", "CONT", "nope:*"]),
    ("signal group", ["signal", "CONT", "grp:*"]),
    ("signal all", ["signal", "CONT", "all"]),
    ("clear group", ["clear", "grp:*"]),
    ("clear all", ["clear", "all"]),
    ("clear two", ["clear", "talker", "nope"]),
    ("start mixed", ["start", "sleeper", "nope", "grp:*"]),
    ("restart group", ["restart", "grp:*"]),
    ("remove unknown", ["remove", "nope"]),
    ("add two", ["add", "nope", "late"]),
    ("update unknown", ["update", "nope"]),
    ("update all", ["update", "all"]),
    ("update group", ["update", "grp"]),
    ("quit", ["quit"]),
    ("exit", ["exit"]),
    ("EOF word", ["EOF"]),
    ("identchars", ["status:x"]),
    ("bang", ["!ls"]),
]

SHELL_SCRIPT = "pid\nfoo bar\n\nhelp stop\nversion x\nstatus sleeper\n?pid\nquit\nstatus\n"


def normalize(text, daemon, ctl):
    text = scenario.normalize(text, daemon)
    text = re.sub(r"(?m)^supervisor> \d+$", "supervisor> PID", text)
    return text.replace(ctl, "PROG")


def run(ctl, daemon, args, stdin=None, url=None):
    url = url or "unix://" + daemon.path("supervisor.sock")
    r = subprocess.run([ctl, "-s", url] + args, capture_output=True, text=True, timeout=60,
                       input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL, cwd="/")
    return r.returncode, normalize(r.stdout, daemon, ctl), normalize(r.stderr, daemon, ctl)


def transcript(ctl, port):
    """Everything one supervisorctl says, against a fresh daemon of ours."""
    d = scenario.start_daemon_with(CASE, scenario.CONFIG + AUTH_SECTION.replace("{port}", str(port)))
    out = [(label, rc, text) for label, rc, text in scenario.run_scenario(CASE, d, ctl)]
    # quick (started again by "start all") lives half a second: let it end first.
    proxy = rpc("unix://" + d.path("supervisor.sock"))
    wait_until(lambda: proxy.supervisor.getProcessInfo("quick")["statename"] == "EXITED", 15)
    for label, args in MORE:
        out.append((label,) + fold(run(ctl, d, args)))
    out.append(("shell through a pipe",) + fold(run(ctl, d, [], stdin=SHELL_SCRIPT)))
    out.append(("shell -i with a command",) + fold(run(ctl, d, ["-i", "pid", "sleeper"])))
    http = "http://127.0.0.1:%d" % port
    out.append(("auth missing",) + fold(run(ctl, d, ["status"], url=http)))
    out.append(("auth given",) + fold(run(ctl, d, ["-u", "admin", "-p", "s3cret", "status", "sleeper"], url=http)))
    out.append(("auth wrong",) + fold(run(ctl, d, ["-u", "admin", "-p", "nope", "pid"], url=http)))
    out.append(("shutdown",) + fold(run(ctl, d, ["shutdown"])))
    d.proc.wait(20)
    for cmd in (["status"], ["stop", "sleeper"], ["shutdown"], ["avail"]):
        out.append(("gone: " + " ".join(cmd),) + fold(run(ctl, d, cmd)))
        out.append(("refused: " + " ".join(cmd),) + fold(run(ctl, d, cmd, url="http://127.0.0.1:%d" % free_port())))
    for args in (["-x"], ["-s"], ["-s", "foo", "status"], ["-c", "/nonexistent/sn.conf", "status"], ["-h"]):
        r = subprocess.run([ctl] + args, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        out.append(("options " + " ".join(args), r.returncode, (r.stdout + r.stderr).replace(ctl, "PROG")))
    return out


def fold(result):
    rc, stdout, stderr = result
    return rc, stdout + stderr


# Where ours says something else on purpose: label -> (what ours prints, why).
DELIBERATE = {
    "tail cleared": ((0, "\n"), "see test_supervisorctl_compat: our daemon empties a stopped program's logs"),
    "gone: avail": ((1, "unix://DIR/supervisor.sock no such file\n"),
                    "Python prints a traceback-like 'error: <class FileNotFoundError>...' line"),
    "refused: avail": ((1, "http://127.0.0.1:PORT refused connection\n"),
                       "Python prints 'error: <class ConnectionRefusedError>, [Errno 111]...: file: ... line: ...'"),
    "auth missing": ((1, "Server requires authentication\n"),
                     "Python goes on to print 'error: <class ProtocolError>...: file: ... line: ...' too"),
    "auth wrong": ((1, "Server requires authentication\n"), "as for auth missing"),
    "options -s foo status": ((2, "Error: invalid value for -s 'foo': expected a URL such as http://localhost:9001 "
                                  "or unix:///var/run/supervisor.sock, got 'foo'\nFor help, use PROG -h\n"),
                              "names what a URL looks like"),
    "options -c /nonexistent/sn.conf status": ((2, "Error: could not find config file /nonexistent/sn.conf\n"
                                                   "For help, use PROG -h\n"), "same text; Python prints it twice"),
}


# Where ours says what Debian's does and then more: label -> (the addition, why).
APPENDED = {
    "options -h": ("\nsupervisorctl (supervisor-native) VERSION\n", "every program's --help names the version"),
}


def comparable(label, rc, text):
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    return rc, sorted(text.splitlines()) if label in scenario.ORDER_VARIES else text


CASE = None


@unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORCTL), "Debian's supervisor package is not installed")
class OursAgainstDebians(unittest.TestCase):
    def test_every_command_says_the_same_as_debians_supervisorctl(self):
        global CASE
        CASE = self
        port_a, port_b = free_port(), free_port()
        ours = transcript(SUPERVISORCTL, port_a)
        theirs = transcript(PYTHON_SUPERVISORCTL, port_b)
        self.assertEqual([x[0] for x in ours], [x[0] for x in theirs])
        mismatches = []
        for (label, rc1, t1), (_, rc2, t2) in zip(ours, theirs):
            mine = comparable(label, rc1, t1.replace(str(port_a), "PORT"))
            if label in DELIBERATE:
                self.assertEqual(mine, comparable(label, *DELIBERATE[label][0]), label)
                continue
            if label in APPENDED:
                t1 = re.sub(r"\(supervisor-native\) \S+\n$", "(supervisor-native) VERSION\n", t1)
                self.assertEqual(comparable(label, rc1, t1), comparable(label, rc2, t2 + APPENDED[label][0]), label)
                continue
            if mine != comparable(label, rc2, t2.replace(str(port_b), "PORT")):
                mismatches.append("%s:\n  ours:   %r\n  debian: %r" % (label, (rc1, t1), (rc2, t2)))
        self.assertEqual(mismatches, [], "\n".join(mismatches))
        self.assertGreater(len(ours), 140)


if __name__ == "__main__":
    main()
