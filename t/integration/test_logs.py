"""Child logs (files, AUTO, NONE, redirect_stderr, rotation, nothing lost,
SIGUSR2 reopen) and the main log (format, levels, rotation, foreground echo)."""

import glob
import os
import re
import signal
import time
import unittest

from harness import SUPERVISORD_SECTION, Supervisord, conf, main, wait_until

HEADER = SUPERVISORD_SECTION + """\
identifier=it
"""


class ChildLogs(unittest.TestCase):
    def test_stdout_and_stderr_go_to_their_files(self):
        d = Supervisord(self, conf(HEADER, """
            [program:p]
            command=/bin/sh -c "echo to-out; echo to-err >&2"
            stdout_logfile={dir}/p.out
            stderr_logfile={dir}/p.err
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: p")
        self.assertEqual(d.read("p.out"), "to-out\n")
        self.assertEqual(d.read("p.err"), "to-err\n")
        d.stop()

    def test_auto_logs_live_in_childlogdir_and_are_cleaned_at_start(self):
        stale = None
        d = Supervisord(self, conf(HEADER, """
            [program:p]
            command=/bin/sh -c "echo hello"
            startsecs=0
            autorestart=false
            """))
        stale = d.write("old-stdout---it-abcdef.log", "stale")
        other = d.write("old-stdout---other-abcdef.log", "keep")
        d.start()
        d.wait_log("exited: p")
        self.assertFalse(os.path.exists(stale))
        self.assertTrue(os.path.exists(other))
        outs = glob.glob(d.path("p-stdout---it-*.log"))
        self.assertEqual(len(outs), 1)
        with open(outs[0]) as f:
            self.assertEqual(f.read(), "hello\n")
        self.assertEqual(len(glob.glob(d.path("p-stderr---it-*.log"))), 1)
        self.assertEqual(oct(os.stat(outs[0]).st_mode & 0o777), "0o600")
        d.stop()

    def test_nocleanup_keeps_old_auto_logs(self):
        d = Supervisord(self, conf(HEADER, """
            nocleanup=true
            [program:p]
            command=/bin/true
            autostart=false
            """))
        stale = d.write("old-stdout---it-abcdef.log", "stale")
        d.start()
        d.wait_log("supervisord started")
        self.assertTrue(os.path.exists(stale))
        d.stop()

    def test_none_and_redirect_stderr(self):
        d = Supervisord(self, conf(HEADER, """
            [program:quiet]
            command=/bin/sh -c "echo nothing"
            stdout_logfile=NONE
            stderr_logfile=NONE
            startsecs=0
            autorestart=false
            [program:merged]
            command=/bin/sh -c "echo out; echo err >&2"
            stdout_logfile={dir}/merged.log
            redirect_stderr=true
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: quiet")
        d.wait_log("exited: merged")
        self.assertEqual(glob.glob(d.path("quiet-*")), [])
        self.assertEqual(d.read("merged.log"), "out\nerr\n")
        self.assertEqual(glob.glob(d.path("merged-stderr*")), [])
        d.stop()

    def test_every_byte_before_exit_is_logged(self):
        # 5 MB as fast as the pipe takes it, then exit at once: the log must be
        # complete when the exit is reported.
        d = Supervisord(self, conf(HEADER, """
            [program:burst]
            command={python} -c "import sys; sys.stdout.write(''.join('%%07d\\n' %% i for i in range(625000))); sys.stdout.flush()"
            stdout_logfile={dir}/burst.log
            stdout_logfile_maxbytes=0
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: burst", timeout=30)
        data = d.read("burst.log")
        self.assertEqual(len(data), 5000000)
        self.assertEqual(data.splitlines()[-1], "0624999")
        d.stop()

    def test_rotation_keeps_backups_and_loses_nothing(self):
        d = Supervisord(self, conf(HEADER, """
            [program:chatty]
            command={python} -c "import sys; [sys.stdout.write('%%05d\\n' %% i) or sys.stdout.flush() for i in range(30000)]"
            stdout_logfile={dir}/chatty.log
            stdout_logfile_maxbytes=4KB
            stdout_logfile_backups=10
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: chatty", timeout=20)
        files = [d.path("chatty.log")] + [d.path("chatty.log.%d" % i) for i in range(1, 11)]
        self.assertTrue(all(os.path.exists(f) for f in files[:3]), os.listdir(d.dir))
        self.assertFalse(os.path.exists(d.path("chatty.log.11")))
        for f in files[1:]:
            if os.path.exists(f):
                self.assertGreaterEqual(os.path.getsize(f), 4096)
        # Oldest backup first, current file last: the lines run on without a gap.
        lines = []
        for f in reversed(files):
            if os.path.exists(f):
                with open(f) as fh:
                    lines += fh.read().splitlines()
        numbers = [int(x) for x in lines]
        self.assertEqual(numbers, list(range(numbers[0], 30000)))
        d.stop()

    def test_zero_backups_truncates(self):
        d = Supervisord(self, conf(HEADER, """
            [program:chatty]
            command={python} -c "import sys; [sys.stdout.write('%%05d\\n' %% i) or sys.stdout.flush() for i in range(2000)]"
            stdout_logfile={dir}/chatty.log
            stdout_logfile_maxbytes=1KB
            stdout_logfile_backups=0
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: chatty", timeout=20)
        self.assertFalse(os.path.exists(d.path("chatty.log.1")))
        self.assertLess(os.path.getsize(d.path("chatty.log")), 2048)
        d.stop()

    def test_sigusr2_reopens_logs_after_external_rotation(self):
        d = Supervisord(self, conf(HEADER, """
            [program:ticker]
            command=/bin/sh -c "while :; do echo tick; sleep 0.1; done"
            stdout_logfile={dir}/ticker.log
            startsecs=0
            """)).start()
        wait_until(lambda: "tick" in d.read("ticker.log"))
        os.rename(d.path("ticker.log"), d.path("ticker.log.old"))
        os.rename(d.path("supervisord.log"), d.path("supervisord.log.old"))
        d.send_signal(signal.SIGUSR2)
        wait_until(lambda: "tick" in d.read("ticker.log"), what="new child log")
        wait_until(lambda: os.path.exists(d.path("supervisord.log")), what="new main log")
        self.assertIn("received SIGUSR2 indicating log reopen request", d.read("supervisord.log.old"))
        self.assertIn("supervisord logreopen", d.read("supervisord.log.old"))
        d.stop()
        self.assertIn("received SIGTERM indicating exit request", d.read("supervisord.log"))

    def test_strip_ansi(self):
        d = Supervisord(self, conf(HEADER, """
            strip_ansi=true
            [program:colour]
            command=/usr/bin/printf "\\033[31mred\\033[0m\\n"
            stdout_logfile={dir}/colour.log
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: colour")
        self.assertEqual(d.read("colour.log"), "red\n")
        d.stop()


class MainLog(unittest.TestCase):
    def test_format_levels_and_foreground_echo(self):
        d = Supervisord(self, conf(HEADER, """
            [program:p]
            command=/bin/sleep 30
            startsecs=0
            """)).start()
        d.wait_log("success: p")
        d.stop()
        main_log = d.read("supervisord.log").splitlines()
        self.assertTrue(all(re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]{4} ", l) for l in main_log),
                        main_log)
        self.assertTrue(any(l.endswith("INFO supervisord started with pid %d" % d.pid) for l in main_log))
        self.assertEqual(d.read("daemon.out").splitlines(), main_log, "-n echoes the main log to stdout")

    def test_silent_does_not_echo(self):
        d = Supervisord(self, conf(HEADER, """
            silent=true
            """)).start()
        wait_until(lambda: "supervisord started" in d.read("supervisord.log"))
        d.stop()
        self.assertEqual(d.read("daemon.out"), "")

    def test_loglevel_debug_copies_child_output(self):
        d = Supervisord(self, conf(HEADER, """
            loglevel=debug
            [program:talker]
            command=/bin/sh -c "echo said-something"
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: talker")
        self.assertIn("'talker' stdout output:\nsaid-something\n", d.messages())
        d.stop()

    def test_loglevel_warn_hides_info(self):
        d = Supervisord(self, conf(HEADER, """
            loglevel=warn
            [program:crash]
            command=/bin/false
            startretries=0
            """)).start()
        d.wait_log("exited: crash")
        d.stop()
        self.assertNotIn("INFO", d.read("supervisord.log"))

    def test_main_log_rotates(self):
        d = Supervisord(self, conf(HEADER, """
            logfile_maxbytes=2KB
            logfile_backups=2
            loglevel=debug
            [program:talker]
            command=/bin/sh -c "i=0; while [ $i -lt 60 ]; do echo line $i xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; sleep 0.02; i=$((i+1)); done"
            startsecs=0
            autorestart=false
            """)).start()
        d.wait_log("exited: talker", timeout=20)
        d.stop()
        self.assertTrue(os.path.exists(d.path("supervisord.log.1")))
        self.assertTrue(os.path.exists(d.path("supervisord.log.2")))
        self.assertFalse(os.path.exists(d.path("supervisord.log.3")))


if __name__ == "__main__":
    main()
