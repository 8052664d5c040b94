"""stdout_log_timestamps / stderr_log_timestamps: a stamp before every line of
a child's log file, whatever the reads, the rotation, redirect_stderr, AUTO
logs or /dev/stdout; what reads the file (tail, readProcessStdoutLog, the web
tail, supervisorctl tail) shows the stamps; nothing else changes."""

import calendar
import glob
import os
import re
import subprocess
import time
import unittest

from harness import (SUPERVISORCTL, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, free_port, main, raw_http,
                     rpc, wait_until)

HEADER = SUPERVISORD_SECTION + "identifier=it\n" + UNIX_SERVER

UTC = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z (.*)$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}([+-]\d\d:\d\d) (.*)$")
TAI = re.compile(r"^@(4000000[0-9a-f]{9})([0-9a-f]{8}) (.*)$")


def stamped_lines(text, rx):
    """The lines of `text` without their stamps; fails on a line without one."""
    lines = text.split("\n")
    assert lines[-1] == "", "the file does not end with a whole line: %r" % lines[-1][-80:]
    out = []
    for line in lines[:-1]:
        m = rx.match(line)
        assert m, "a line without a stamp: %r" % line[:120]
        out.append(m.groups()[-1])
    return out


def utc_seconds(stamp):
    return calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S")) + float(stamp[19:])


class Stamps(unittest.TestCase):
    def test_each_style(self):
        d = Supervisord(self, conf(HEADER, """
            [program:utc]
            command=/bin/sh -c "echo a utc line; exec sleep 1000"
            stdout_logfile={dir}/utc.log
            stdout_log_timestamps=utc
            startsecs=0
            [program:iso]
            command=/bin/sh -c "echo an iso line; exec sleep 1000"
            stdout_logfile={dir}/iso.log
            stdout_log_timestamps=iso8601
            startsecs=0
            [program:tai]
            command=/bin/sh -c "echo a tai line; exec sleep 1000"
            stdout_logfile={dir}/tai.log
            stdout_log_timestamps=tai64n
            startsecs=0
            [program:pattern]
            command=/bin/sh -c "echo a pattern line; exec sleep 1000"
            stdout_logfile={dir}/pattern.log
            stdout_log_timestamps=[%%H:%M:%S.%3N]
            startsecs=0
            [program:plain]
            command=/bin/sh -c "echo a plain line; exec sleep 1000"
            stdout_logfile={dir}/plain.log
            startsecs=0
            """), env={"TZ": "XYZ-2"})
        before = time.time()
        d.start()
        wait_until(lambda: all(d.read(n + ".log") for n in ("utc", "iso", "tai", "pattern", "plain")), 10,
                   what="five logs")
        after = time.time()
        utc = UTC.match(d.read("utc.log").rstrip("\n"))
        self.assertEqual(utc.group(2), "a utc line")
        self.assertTrue(before - 0.01 <= utc_seconds(utc.group(1)) <= after + 0.01)
        self.assertEqual(stamped_lines(d.read("iso.log"), ISO), ["an iso line"])
        self.assertEqual(ISO.match(d.read("iso.log")).group(1), "+02:00")
        tai = TAI.match(d.read("tai.log").rstrip("\n"))
        self.assertEqual(tai.group(3), "a tai line")
        self.assertAlmostEqual(int(tai.group(1), 16) - (1 << 62) - 10, before, delta=after - before + 1)
        self.assertRegex(d.read("pattern.log"), r"^\[%H:\d\d:\d\d\.\d{3}\] a pattern line\n$")
        self.assertEqual(d.read("plain.log"), "a plain line\n")  # none: the file as it always was
        d.stop()

    def test_a_line_written_in_pieces_has_one_stamp_from_its_first_byte(self):
        d = Supervisord(self, conf(HEADER, """
            [program:slow]
            command=/bin/sh -c "printf 'first half, '; sleep 1; printf 'second half\\n'; echo next; exec sleep 1000"
            stdout_logfile={dir}/slow.log
            stdout_log_timestamps=utc
            startsecs=0
            """)).start()
        wait_until(lambda: "next" in d.read("slow.log"), 10, what="the whole output")
        lines = d.read("slow.log").splitlines()
        self.assertEqual([UTC.match(l).group(2) for l in lines], ["first half, second half", "next"])
        first, second = (utc_seconds(UTC.match(l).group(1)) for l in lines)
        self.assertGreaterEqual(second - first, 0.9)  # the stamp is when the line began
        d.stop()

    def test_redirected_stderr_auto_logs_and_stderr_are_stamped(self):
        d = Supervisord(self, conf(HEADER, """
            [program:merged]
            command=/bin/sh -c "echo out; sleep 0.2; echo err >&2; exec sleep 1000"
            redirect_stderr=true
            stdout_log_timestamps=utc
            startsecs=0
            [program:split]
            command=/bin/sh -c "echo out; echo err >&2; exec sleep 1000"
            stdout_logfile={dir}/split.out
            stderr_logfile={dir}/split.err
            stderr_log_timestamps=utc
            startsecs=0
            """)).start()
        auto = lambda: glob.glob(d.path("merged-stdout---it-*.log"))
        wait_until(lambda: auto() and "err" in open(auto()[0]).read() and d.read("split.err"), 10, what="logs")
        with open(auto()[0]) as f:
            self.assertEqual(stamped_lines(f.read(), UTC), ["out", "err"])
        self.assertEqual(d.read("split.out"), "out\n")  # per stream
        self.assertEqual(stamped_lines(d.read("split.err"), UTC), ["err"])
        d.stop()

    def test_dev_stdout_logging_is_stamped(self):
        d = Supervisord(self, conf(HEADER, """
            [program:console]
            command=/bin/sh -c "echo to the console; exec sleep 1000"
            stdout_logfile=/dev/stdout
            stdout_logfile_maxbytes=0
            stdout_log_timestamps=utc
            startsecs=0
            """)).start()
        wait_until(lambda: "to the console" in d.read("daemon.out"), 10, what="the line on the daemon's stdout")
        line = [l for l in d.read("daemon.out").splitlines() if "to the console" in l][0]
        self.assertRegex(line, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z to the console$")
        d.stop()

    def test_long_lines_are_cut_and_go_on_stamped(self):
        d = Supervisord(self, conf(HEADER, """
            [program:long]
            command={python} -c "import os; os.write(1, b'x' * 70000 + b'\\n'); os.execv('/bin/sleep', ['sleep', '1000'])"
            stdout_logfile={dir}/long.log
            stdout_log_timestamps=utc
            startsecs=0
            """)).start()
        wait_until(lambda: d.read("long.log").count("\n") >= 2, 10, what="the long line")
        self.assertEqual(stamped_lines(d.read("long.log"), UTC), ["x" * 65536, "x" * (70000 - 65536)])
        d.stop()


WRITER = """\
import sys, time
for i in range(3000):
    sys.stdout.write("line %05d " % i)
    sys.stdout.flush()
    sys.stdout.write("x" * 40 + "\\n")
    sys.stdout.flush()
    if i % 50 == 0:
        time.sleep(0.01)
print("done")
time.sleep(1000)
"""


class Rotation(unittest.TestCase):
    def test_every_rotated_file_starts_with_a_stamp_and_nothing_is_lost(self):
        # Lines written in two pieces each, so reads often end inside a line.
        d = Supervisord(self, conf(HEADER, """
            [program:writer]
            command={python} -u {dir}/writer.py
            stdout_logfile={dir}/w.log
            stdout_logfile_maxbytes=20KB
            stdout_logfile_backups=20
            stdout_log_timestamps=utc
            startsecs=0
            """))
        d.write("writer.py", WRITER)
        d.start()
        def files():
            rotated = sorted(glob.glob(d.path("w.log.*")), key=lambda f: -int(f.rsplit(".", 1)[1]))
            return rotated + [d.path("w.log")]

        def done():  # the last line may have rotated its file away
            return any("done\n" in open(f).read()[-30:] for f in files()[-2:] if os.path.exists(f))
        wait_until(done, 20, what="the writer to finish")
        files = files()
        self.assertGreater(len(files), 5)
        lines = []
        for f in files:
            with open(f) as fh:
                lines += stamped_lines(fh.read(), UTC)  # each file: whole stamped lines only
        self.assertEqual(lines, ["line %05d " % i + "x" * 40 for i in range(3000)] + ["done"])
        d.stop()


class Readers(unittest.TestCase):
    def test_tail_readlog_and_the_web_tail_show_the_stamped_file(self):
        port = free_port()
        d = Supervisord(self, conf(HEADER, """
            [inet_http_server]
            port=127.0.0.1:%d
            [program:p]
            command=/bin/sh -c "echo hello; exec sleep 1000"
            stdout_log_timestamps=utc
            startsecs=0
            """ % port)).start()
        d.wait_log("success: p")
        server = rpc("unix://" + d.path("supervisor.sock"))
        wait_until(lambda: server.supervisor.readProcessStdoutLog("p", 0, 0), 10, what="output")
        logged = server.supervisor.readProcessStdoutLog("p", 0, 0)
        self.assertEqual(stamped_lines(logged, UTC), ["hello"])
        self.assertEqual(server.supervisor.tailProcessStdoutLog("p", 0, 1000)[0], logged)
        ctl = subprocess.run([SUPERVISORCTL, "-s", "unix://" + d.path("supervisor.sock"), "tail", "p"], capture_output=True, text=True, timeout=10)
        self.assertEqual(ctl.stdout, logged + "\n")  # supervisorctl ends what it prints with a newline
        web = raw_http(port, b"GET /logtail/p HTTP/1.1\r\nHost: x\r\n\r\n", timeout=1.0).decode()
        self.assertIn("\r\n%x\r\n%s\r\n" % (len(logged), logged), web)  # one chunk: the file
        # Not part of supervisor's answers: getAllConfigInfo is as it always was.
        info = [i for i in server.supervisor.getAllConfigInfo() if i["name"] == "p"][0]
        self.assertFalse(any("timestamps" in k for k in info))
        d.stop()


if __name__ == "__main__":
    main()
