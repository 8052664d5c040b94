"""Copies of child output to syslog (stdout_syslog, stderr_syslog, the
deprecated stdout_logfile=syslog) and the main log to syslog (logfile=syslog),
received on a datagram socket the test binds, and compared with what Python
supervisord sends on the same configuration."""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from harness import PYTHON_SUPERVISORD, SUPERVISORD_SECTION, Supervisord, conf, main, wait_until

RECORD = re.compile(rb"^<(\d+)>([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) ([^:]+): (.*)$", re.S)


class SyslogReceiver:
    """The syslog daemon's end: a datagram socket bound at `path`."""

    def __init__(self, path, rcvbuf=None):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.bind(path)
        self.sock.setblocking(False)
        self.records = []

    def poll(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:
                return self.records
            m = RECORD.match(data)
            assert m, "not a syslog record: %r" % data
            self.records.append((int(m.group(1)), m.group(3).decode(), m.group(4)))

    def texts(self):
        return [text for _pri, _tag, text in self.poll()]

    def wait_for(self, text, timeout=10):
        wait_until(lambda: any(text in t for t in self.texts()), timeout, what="syslog record %r" % text)

    def close(self):
        self.sock.close()


def receiver(testcase, d, name="log", rcvbuf=None):
    r = SyslogReceiver(d.path(name), rcvbuf)
    testcase.addCleanup(r.close)
    return r


def ours(testcase, config, socket_name="log"):
    """Our daemon, pointed at the test's socket as the man page says."""
    d = Supervisord(testcase, config)
    d.env["SN_SYSLOG_SOCKET"] = d.path(socket_name)
    return d


HEADER = SUPERVISORD_SECTION + "identifier=it\n"


class ChildOutputToSyslog(unittest.TestCase):
    def test_each_line_goes_with_the_process_name_as_user_info(self):
        d = ours(self, conf(HEADER, """
            [program:talker]
            command=/bin/sh -c "printf 'hello\\nworld\\n'; sleep 0.2; echo oops >&2; exec sleep 1000"
            stdout_logfile={dir}/talker.out
            stdout_syslog=true
            stderr_logfile=NONE
            stderr_syslog=true
            startsecs=0
            """))
        r = receiver(self, d)
        d.start()
        r.wait_for(b"talker oops")
        self.assertEqual(r.poll(), [(14, "supervisord", b"talker hello"), (14, "supervisord", b"talker world"),
                                    (14, "supervisord", b"talker oops")])
        self.assertEqual(d.read("talker.out"), "hello\nworld\n")  # the file still gets it
        d.stop()

    def test_the_deprecated_syslog_logfile_spelling_warns_and_copies(self):
        d = ours(self, conf(HEADER, """
            [program:old]
            command=/bin/sh -c "echo via the old spelling; exec sleep 1000"
            stdout_logfile=syslog
            startsecs=0
            """))
        r = receiver(self, d)
        d.start()
        r.wait_for(b"old via the old spelling")
        self.assertIn("For [program:old], stdout_logfile=syslog but this is deprecated and will be removed.  "
                      "Use stdout_syslog=true to enable syslog instead.", d.messages())
        d.stop()

    def test_bytes_that_are_not_utf8_survive_and_long_lines_are_cut(self):
        d = ours(self, conf(HEADER, """
            [program:raw]
            command={python} -c "import os; os.write(1, b'caf\\xe9 \\xff\\xfe\\n' + b'x' * 20000 + b'\\n'); os.execv('/bin/sleep', ['sleep', '1000'])"
            stdout_logfile=NONE
            stdout_syslog=true
            startsecs=0
            """))
        r = receiver(self, d)
        d.start()
        wait_until(lambda: sum(len(t) for t in r.texts()) >= 20000, 10, what="the long line")
        texts = r.texts()
        self.assertEqual(texts[0], b"raw caf\xe9 \xff\xfe")
        pieces = texts[1:]
        self.assertEqual([len(p) for p in pieces], [8000, 8000, 4012])  # "raw " + at most 7996 bytes
        self.assertTrue(all(p.startswith(b"raw ") for p in pieces))
        self.assertEqual(b"".join(p[4:] for p in pieces), b"x" * 20000)
        d.stop()

    def test_a_missing_socket_drops_lines_with_one_warning_until_it_returns(self):
        d = ours(self, conf(HEADER, """
            [program:chatty]
            command=/bin/sh -c "i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done; sleep 1.5; echo after; exec sleep 1000"
            stdout_logfile={dir}/chatty.out
            stdout_syslog=true
            startsecs=0
            """))
        d.start()
        wait_until(lambda: "line 199" in d.read("chatty.out"), 10, what="200 lines in the file")
        r = receiver(self, d)
        r.wait_for(b"chatty after")
        warnings = [m for lvl, m in d.log_lines() if "syslog socket" in m]
        self.assertEqual(len(warnings), 2, warnings)
        self.assertIn(d.path("log") + ": No such file or directory; output meant for syslog is dropped", warnings[0])
        self.assertRegex(warnings[1], r"takes records again; \d+ records were dropped$")
        self.assertGreaterEqual(int(re.search(r"(\d+) records were dropped", warnings[1]).group(1)), 200)
        self.assertEqual(d.read("chatty.out").count("\n"), 201)  # the file lost nothing
        d.stop()

    def test_a_full_socket_never_blocks_the_child_or_the_daemon(self):
        d = ours(self, conf(HEADER, """
            [program:flood]
            command=/bin/sh -c "i=0; while [ $i -lt 5000 ]; do echo flood line $i; i=$((i+1)); done; echo done; exec sleep 1000"
            stdout_logfile={dir}/flood.out
            stdout_syslog=true
            startsecs=0
            """))
        r = SyslogReceiver(d.path("log"), rcvbuf=4096)  # nobody reads it until the file is complete
        self.addCleanup(r.close)
        d.start()
        wait_until(lambda: d.read("flood.out").endswith("done\n"), 15, what="the flood in the file")
        self.assertEqual(d.read("flood.out").count("\n"), 5001)
        first = [m for m in d.messages() if "syslog socket" in m]
        self.assertIn("Resource temporarily unavailable", first[0])
        wait_until(lambda: len(r.poll()) > 0, 5, what="the records the socket held")
        time.sleep(0.5)  # the copies of the last reads, taken or dropped
        r.poll()
        d.stop()
        r.poll()
        # Every record was either received or counted as dropped, and the
        # counting took a few messages, not one per record.
        said = [m for m in d.messages() if "syslog socket" in m]
        self.assertLessEqual(len(said), 6, said)
        counted = sum(int(n) for n in re.findall(r"(\d+) records? (?:was|were) dropped", " ".join(said)))
        received = sum(1 for _pri, _tag, text in r.records if text.startswith(b"flood "))
        # (85 KB of output: the one or two reads that fill the 64 KiB buffer
        # may cut a line into two records, as supervisor's reads do.)
        self.assertIn(received + counted - 5001, range(0, 3), said)
        self.assertGreater(counted, 0)


class MainLogToSyslog(unittest.TestCase):
    def test_each_record_goes_with_its_date_and_level(self):
        d = ours(self, conf("""
            [supervisord]
            logfile=syslog
            pidfile={dir}/supervisord.pid
            childlogdir={dir}
            [program:p]
            command=/bin/sh -c "exit 3"
            startsecs=0
            autorestart=false
            """))
        r = receiver(self, d)
        d.start()
        r.wait_for(b"exited: p")
        texts = [t.decode() for t in r.texts()]
        self.assertTrue(any(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO supervisord started with pid \d+\n$", t)
                            for t in texts), texts)
        self.assertTrue(all(pri == 14 and tag == "supervisord" for pri, tag, _ in r.records))
        self.assertFalse(os.path.exists(d.path("syslog")))
        d.stop()


# ------------------------------------------------------------ against Python

def can_replace_dev_log():
    """Python supervisord writes to /dev/log (glibc's syslog), which a test
    replaces only in a mount namespace of its own: root and overlayfs."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = tempfile.mkdtemp(prefix="sn-devlog-")
    try:
        return subprocess.run(namespaced(["/bin/true"], probe, os.path.join(probe, "log")),
                              capture_output=True, timeout=10).returncode == 0
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def namespaced(argv, scratch, socket_path):
    """`argv` run where /dev/log is `socket_path` (and nowhere else is changed)."""
    upper, work = os.path.join(scratch, "dev-upper"), os.path.join(scratch, "dev-work")
    os.makedirs(upper, exist_ok=True)
    os.makedirs(work, exist_ok=True)
    script = ('mount -t overlay overlay -o lowerdir=/dev,upperdir="$1",workdir="$2" /dev && '
              'rm -f /dev/log && ln -s "$3" /dev/log && shift 3 && exec "$@"')
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", upper, work,
            socket_path] + list(argv)


COMPARED = """
[supervisord]
logfile=syslog
pidfile={dir}/supervisord.pid
childlogdir={dir}
[program:talker]
command=/bin/sh -c "sleep 0.3; printf 'one\\ntwo\\n\\nfour\\n'; sleep 0.3; echo err >&2; sleep 0.3; echo done"
stdout_logfile=NONE
stdout_syslog=true
stderr_syslog=true
startsecs=0
autorestart=false
[program:old]
command=/bin/sh -c "sleep 0.3; echo old spelling"
stdout_logfile=syslog
startsecs=0
autorestart=false
"""


@unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Debian's supervisor not installed")
class SameAsPythonSupervisord(unittest.TestCase):
    def test_same_child_records_and_main_log_records(self):
        if not can_replace_dev_log():
            self.skipTest("replacing /dev/log needs root, unshare and overlayfs")
        runs = []
        for binary in (None, PYTHON_SUPERVISORD):
            d = Supervisord(self, conf(COMPARED), binary=binary)
            r = receiver(self, d)
            d.args = namespaced(d.args, d.dir, d.path("log"))  # ours too: /dev/log is the default
            d.start()
            wait_until(lambda: sum(b"talker done" in t or b"exited: talker" in t for t in r.texts()) >= 2
                       and any(b"exited: old" in t for t in r.texts()), 15, what="both programs in syslog")
            d.stop()
            time.sleep(0.2)
            runs.append(sorted(normalised(r.poll())))
        self.assertEqual(runs[0], runs[1])


def normalised(records):
    """(priority, tag, text) with dates and pids out; records only one daemon writes dropped."""
    out = []
    for pri, tag, text in records:
        text = re.sub(rb"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ", b"DATE ", text)
        text = re.sub(rb"pid \d+", b"pid N", text)
        if re.search(rb"supervisord started with|Set uid|CRIT|RPC interface|daemonizing|waiting for|"
                     rb"stopped: |received SIG|exiting|descriptor|Supervisor is running as root|"
                     rb"included extra file|no config|programs? fit", text):
            continue
        out.append((pri, tag, text))
    return out


if __name__ == "__main__":
    main()
