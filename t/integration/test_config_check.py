"""Mistakes supervisor reads without a word (an unknown option, a section
given twice, an [include] pattern that matches nothing) get a warning with
file, line and section, and the daemon still starts as Python's does;
supervisord --check-config reports them without starting anything."""

import os
import socket
import subprocess
import unittest

from harness import (PYTHON_SUPERVISORD, SUPERVISORD, SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, main,
                     rpc, wait_until)

MISTAKES = SUPERVISORD_SECTION + "nodeamon=true\n" + UNIX_SERVER + """\
[include]
files={dir}/conf.d/*.conf
[program:web]
command=/bin/sleep 60
autorestrat=true
startsecs=0
[program:web]
stopwaitsecs=5
"""


def expected_warnings(d):
    c = d.conf
    return [
        '%s:11: [include] files: No file matches via include "%s/conf.d/*.conf"' % (c, d.dir),
        "%s:16: [program:web]: section given twice (first at %s:12); its options are merged, a later line winning"
        % (c, c),
        "%s:5: [supervisord] nodeamon: unknown option, ignored (did you mean nodaemon?)" % c,
        "%s:14: [program:web] autorestrat: unknown option, ignored (did you mean autorestart?)" % c,
    ]


class Warnings(unittest.TestCase):
    def test_the_daemon_warns_with_file_line_and_section_and_still_starts(self):
        d = Supervisord(self, MISTAKES).start()
        d.wait_log("success: web")
        warns = [m for level, m in d.log_lines() if level == "WARN"]
        self.assertEqual(warns, expected_warnings(d))
        self.assertEqual(rpc("unix://" + d.path("supervisor.sock")).supervisor.getProcessInfo("web")["statename"],
                         "RUNNING")
        self.assertEqual(d.stop(), 0)

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Python supervisord is not installed")
    def test_python_supervisord_starts_with_the_same_mistakes(self):
        d = Supervisord(self, MISTAKES, binary=PYTHON_SUPERVISORD).start()
        url = "unix://" + d.path("supervisor.sock")
        wait_until(lambda: os.path.exists(d.path("supervisor.sock")), 20, what="Python's socket")
        wait_until(lambda: rpc(url).supervisor.getProcessInfo("web")["statename"] == "RUNNING", 20)
        self.assertEqual(d.stop(), 0)


class CheckConfig(unittest.TestCase):
    def check(self, d, *extra):
        r = subprocess.run([SUPERVISORD, "--check-config", "-c", d.conf] + list(extra), capture_output=True,
                           text=True, timeout=30, cwd=d.dir)
        return r.returncode, r.stdout, r.stderr

    def test_warnings_exit_1_and_nothing_is_started(self):
        d = Supervisord(self, MISTAKES)
        rc, out, err = self.check(d)
        self.assertEqual((rc, err), (1, ""))
        self.assertEqual(out, "".join("WARN %s\n" % w for w in expected_warnings(d)) +
                         "%s: 4 warnings; supervisord would start\n" % d.conf)
        self.assertEqual(sorted(os.listdir(d.dir)), ["supervisord.conf"], "no log, pidfile or socket")

    def test_a_fine_config_exits_0(self):
        d = Supervisord(self, conf(SUPERVISORD_SECTION, """
            [program:web]
            command=/bin/sleep 60
            """))
        self.assertEqual(self.check(d), (0, "%s: no warnings; supervisord would start\n" % d.conf, ""))

    def test_an_error_exits_2_after_the_warnings_met_before_it(self):
        d = Supervisord(self, conf(SUPERVISORD_SECTION, """
            logfle=x
            [program:web]
            command=/bin/sleep 60
            startsecs=soon
            """))
        rc, out, _ = self.check(d)
        self.assertEqual(rc, 2)
        lines = out.splitlines()
        self.assertEqual(lines[0], "WARN %s:5: [supervisord] logfle: unknown option, ignored (did you mean logfile?)"
                         % d.conf)
        self.assertRegex(lines[1], r"^ERROR %s:8: \[program:web\] startsecs: " % d.conf)
        self.assertEqual(lines[2], "%s: an error (and 1 warning); supervisord would not start" % d.conf)
        self.assertEqual(self.check(d, "-e", "loud")[0], 2)

    def test_a_running_daemon_is_not_touched(self):
        d = Supervisord(self, conf(SUPERVISORD_SECTION, UNIX_SERVER, """
            [program:web]
            command=/bin/sleep 60
            startsecs=0
            """)).start()
        d.wait_log("success: web")
        pidfile = d.read("supervisord.pid")
        sock = os.stat(d.path("supervisor.sock"))
        self.assertEqual(self.check(d)[0], 0)
        self.assertEqual(d.read("supervisord.pid"), pidfile)
        self.assertEqual(os.stat(d.path("supervisor.sock")).st_ino, sock.st_ino)
        s = socket.socket(socket.AF_UNIX)
        s.connect(d.path("supervisor.sock"))
        s.close()
        self.assertEqual(d.stop(), 0)

    def test_no_config_found_is_an_error(self):
        d = Supervisord(self, SUPERVISORD_SECTION)
        r = subprocess.run([SUPERVISORD, "--check-config", "-c", d.path("missing.conf")], capture_output=True,
                           text=True, timeout=30)
        self.assertEqual(r.returncode, 2)
        self.assertIn("could not find config file " + d.path("missing.conf"), r.stdout)


if __name__ == "__main__":
    main()
