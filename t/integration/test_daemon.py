"""supervisord as a whole: command line, configuration errors, shutdown on
TERM/INT/QUIT, reload on HUP, daemonizing with a locked pidfile, and
systemd notification."""

import os
import signal
import socket
import subprocess
import time
import unittest

from harness import (SRCDIR, SUPERVISORD, SUPERVISORD_SECTION, Supervisord, alive, conf, descendants, main,
                     wait_until)

HEADER = SUPERVISORD_SECTION

SLEEPERS = """
[program:a]
command=/bin/sleep 60
priority=1
startsecs=0
[program:b]
command=/bin/sleep 60
priority=2
startsecs=0
[program:grp]
command=/bin/sh -c "sleep 60 & sleep 60 & wait"
priority=3
startsecs=0
stopasgroup=true
"""


class CommandLine(unittest.TestCase):
    def test_version(self):
        r = subprocess.run([SUPERVISORD, "-v"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^\d+\.\d+\.\d+\n$")

    def test_help(self):
        for flag in ("-h", "--help", "-?"):
            r = subprocess.run([SUPERVISORD, flag], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0)
            self.assertIn("-c/--configuration FILENAME", r.stdout)

    def test_bad_option_is_a_usage_error(self):
        r = subprocess.run([SUPERVISORD, "--bogus"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr, "Error: option --bogus not recognized\nFor help, use %s -h\n" % SUPERVISORD)

    def test_config_is_searched_next_to_the_program(self):
        d = Supervisord(self, "")
        os.makedirs(d.path("prefix/bin"))
        os.symlink(SUPERVISORD, d.path("prefix/bin/supervisord"))
        d.write("prefix/etc/supervisord.conf", d.expand(conf(HEADER)))
        r = subprocess.Popen([d.path("prefix/bin/supervisord"), "-n"], cwd=d.dir, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True)
        try:
            wait_until(lambda: "supervisord started" in d.read("supervisord.log"))
        finally:
            r.send_signal(signal.SIGTERM)
            self.assertEqual(r.wait(10), 0)

    @unittest.skipIf(os.path.exists("/etc/supervisord.conf") or os.path.exists("/etc/supervisor/supervisord.conf"),
                     "a system-wide supervisord.conf exists on this machine")
    def test_no_config_found(self):
        d = Supervisord(self, "")
        r = subprocess.run([SUPERVISORD], capture_output=True, text=True, cwd=d.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn("No config file found at default paths", r.stderr)
        self.assertIn("use the -c option", r.stderr)

    def test_command_line_overrides_config(self):
        d = Supervisord(self, conf(HEADER, """
            loglevel=info
            """), extra_args=["-e", "debug", "-i", "from-cli", "-l", "{dir}/other.log".replace("{dir}", "")])
        d.args[-1] = d.path("other.log")
        d.start()
        wait_until(lambda: "supervisord started" in d.read("other.log"))
        d.stop()
        self.assertEqual(d.read("supervisord.log"), "")


class SampleConfig(unittest.TestCase):
    def test_sample_config_runs_its_programs(self):
        with open(os.path.join(SRCDIR, "etc", "supervisord.conf")) as f:
            sample = f.read()
        d = Supervisord(self, "")
        d.write("supervisord.conf", sample.replace("/tmp", d.dir))
        d.start()
        for name in ("heartbeat", "sleeper_0", "sleeper_1"):
            d.wait_log("success: %s entered RUNNING state" % name)
        wait_until(lambda: "beat at" in d.read("heartbeat.log"))
        # Nothing to worry a newcomer: no warning, and no CRIT but the one
        # about running as root (when the tests run as root).
        complaints = [(level, m) for level, m in d.log_lines() if level in ("CRIT", "ERRO", "WARN")]
        self.assertEqual([c for c in complaints if not c[1].startswith("Supervisor is running as root.")], [])
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])


class ConfigErrors(unittest.TestCase):
    def check(self, config, expected_fragment, extra_files=()):
        d = Supervisord(self, config)
        for name, text in extra_files:
            d.write(name, text)
        rc, out, err = d.run_to_exit()
        self.assertEqual(rc, 2, err)
        self.assertTrue(err.startswith("Error: "), err)
        self.assertIn(d.expand(expected_fragment), err)
        self.assertTrue(err.endswith("For help, use %s -h\n" % SUPERVISORD), err)
        self.assertFalse(os.path.exists(d.path("supervisord.pid")))
        return d

    def test_bad_value_names_file_line_section_option(self):
        self.check(conf(HEADER, """
            [program:web]
            command=/bin/sleep 60
            startsecs=soon
            """), "{dir}/supervisord.conf:7: [program:web] startsecs: expected an integer, got 'soon'")

    def test_nothing_is_started_when_one_program_is_bad(self):
        d = self.check(conf(HEADER, """
            [program:good]
            command=/bin/sh -c "touch {dir}/started; sleep 60"
            [program:bad]
            command=/bin/sleep 60
            autorestart=sometimes
            """), "[program:bad] autorestart: expected true, false or unexpected, got 'sometimes'")
        time.sleep(0.3)
        self.assertFalse(os.path.exists(d.path("started")))

    def test_errors_in_included_files(self):
        self.check(conf(HEADER, """
            [include]
            files=conf.d/*.conf
            """), "{dir}/conf.d/bad.conf:2: [program:bad] command:",
                   extra_files=[("conf.d/bad.conf", "[program:bad]\ncommand=%(nope)s\n")])

    def test_syntax_error(self):
        self.check(conf(HEADER, """
            [program:x]
            command=/bin/true
            garbage line
            """), "{dir}/supervisord.conf:7: expected 'name = value'")

    def test_missing_supervisord_section(self):
        self.check("[program:x]\ncommand=/bin/true\n", "the file has no [supervisord] section")

    def test_missing_file(self):
        d = Supervisord(self, HEADER)
        d.args[d.args.index("-c") + 1] = d.path("missing.conf")
        rc, _, err = d.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("could not find config file " + d.path("missing.conf"), err)


class Shutdown(unittest.TestCase):
    def _stop_with(self, sig):
        d = Supervisord(self, conf(HEADER, SLEEPERS)).start()
        d.wait_log("success: grp")
        wait_until(lambda: len(d.children()) >= 5, what="grandchildren")
        self.assertEqual(d.stop(sig), 0)
        self.assertEqual(d.leftovers(), [], "no child left behind")
        self.assertFalse(os.path.exists(d.path("supervisord.pid")))
        return d

    def test_sigterm(self):
        d = self._stop_with(signal.SIGTERM)
        self.assertIn("received SIGTERM indicating exit request", d.messages())

    def test_sigint(self):
        d = self._stop_with(signal.SIGINT)
        self.assertIn("received SIGINT indicating exit request", d.messages())

    def test_sigquit(self):
        d = self._stop_with(signal.SIGQUIT)
        self.assertIn("received SIGQUIT indicating exit request", d.messages())

    def test_shutdown_is_fast(self):
        body = "".join("[program:s%03d]\ncommand=/bin/sleep 60\nstartsecs=0\n" % i for i in range(100))
        d = Supervisord(self, conf(HEADER, body)).start()
        d.wait_log("success: s099")
        t0 = time.monotonic()
        self.assertEqual(d.stop(), 0)
        self.assertLess(time.monotonic() - t0, 3.0)
        self.assertEqual(d.leftovers(), [])


    def test_a_program_in_backoff_is_not_waited_for(self):
        d = Supervisord(self, conf(HEADER, """
            [program:flappy]
            command=/bin/sh -c "exit 1"
            startretries=1000
            priority=1
            [program:slow]
            command=/bin/sleep 60
            startsecs=0
            priority=2
            """)).start()
        d.wait_log("success: slow")
        d.wait_log("exited: flappy", count=2)  # in BACKOFF for the next 2 s
        self.assertEqual(d.stop(), 0)
        msgs = d.messages()
        waiting = [m for m in msgs if m.startswith("waiting for")]
        self.assertTrue(waiting, msgs)
        self.assertFalse([m for m in waiting if "flappy" in m], waiting)

    def test_debug_logs_each_child_exit_as_supervisor_does(self):
        d = Supervisord(self, conf(HEADER, """
            [program:quick]
            command=/bin/sh -c "exit 0"
            autorestart=false
            startsecs=0
            """), extra_args=["-e", "debug"]).start()
        d.wait_log("exited: quick")
        msgs = d.messages()
        self.assertIn("received SIGCHLD indicating a child quit", msgs)
        self.assertLess(msgs.index("received SIGCHLD indicating a child quit"),
                        [i for i, m in enumerate(msgs) if m.startswith("exited: quick")][0])
        self.assertEqual(d.stop(), 0)


class Reload(unittest.TestCase):
    def test_sighup_rereads_the_configuration(self):
        d = Supervisord(self, conf(HEADER, """
            [program:old]
            command=/bin/sleep 60
            startsecs=0
            """)).start()
        d.wait_log("success: old")
        d.write("supervisord.conf", conf(HEADER, """
            [program:new]
            command=/bin/sleep 60
            startsecs=0
            """).replace("{dir}", d.dir))
        d.send_signal(signal.SIGHUP)
        d.wait_log("success: new")
        msgs = d.messages()
        self.assertIn("received SIGHUP indicating restart request", msgs)
        self.assertIn("stopped: old (terminated by SIGTERM)", msgs)
        self.assertEqual(sum(1 for m in msgs if m.startswith("supervisord started with pid %d" % d.pid)), 2)
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])

    def test_broken_configuration_keeps_everything_running(self):
        d = Supervisord(self, conf(HEADER, """
            [program:keep]
            command=/bin/sleep 60
            startsecs=0
            """)).start()
        d.wait_log("success: keep")
        pid = d.children()[0]
        d.write("supervisord.conf", "[supervisord]\nloglevel=loud\n")
        d.send_signal(signal.SIGHUP)
        d.wait_log("not restarting: the configuration could not be loaded: .*loglevel")
        time.sleep(0.3)
        self.assertTrue(alive(pid))
        self.assertNotIn("stopped: keep", " ".join(d.messages()))
        self.assertEqual(d.stop(), 0)


class Daemonized(unittest.TestCase):
    def test_daemonizes_writes_and_locks_the_pidfile(self):
        d = Supervisord(self, conf(HEADER, """
            [program:p]
            command=/bin/sleep 60
            startsecs=0
            """), foreground=False)
        rc, out, err = d.run_to_exit()
        self.assertEqual((rc, out, err), (0, "", ""))
        pid = int(wait_until(lambda: d.read("supervisord.pid").strip(), what="pidfile"))
        self.assertTrue(alive(pid))
        self.addCleanup(lambda: alive(pid) and os.kill(pid, signal.SIGKILL))
        wait_until(lambda: "success: p" in d.read("supervisord.log"))
        self.assertIn("daemonizing the supervisord process", d.read("supervisord.log"))
        self.assertEqual(os.getsid(pid), pid, "own session")

        rc2, _, err2 = d.run_to_exit()
        self.assertEqual(rc2, 2)
        self.assertIn("another supervisord (pid %d) is already running with pidfile %s" % (pid, d.path("supervisord.pid")), err2)
        self.assertEqual(d.read("supervisord.pid").strip(), str(pid))

        child = descendants(pid)
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not alive(pid), what="daemon exit")
        wait_until(lambda: not os.path.exists(d.path("supervisord.pid")), what="pidfile removal")
        self.assertTrue(child)
        self.assertFalse(any(alive(c) for c in child))


class SystemdNotify(unittest.TestCase):
    def test_ready_and_stopping(self):
        d = Supervisord(self, conf(HEADER, """
            [program:p]
            command=/bin/sleep 60
            startsecs=0
            [program:env]
            command=/bin/sh -c "echo NOTIFY_SOCKET=$NOTIFY_SOCKET"
            stdout_logfile={dir}/env.log
            startsecs=0
            autorestart=false
            """), env={"NOTIFY_SOCKET": ""})
        path = d.path("notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.addCleanup(sock.close)
        sock.bind(path)
        sock.settimeout(10)
        d.env["NOTIFY_SOCKET"] = path
        d.start()
        msg = sock.recv(4096).decode()
        self.assertIn("READY=1", msg.split("\n"))
        self.assertIn("STATUS=supervising 2 processes", msg.split("\n"))
        d.wait_log("exited: env")
        self.assertEqual(d.read("env.log"), "NOTIFY_SOCKET=\n", "children do not inherit the socket")
        d.send_signal(signal.SIGTERM)
        msg = sock.recv(4096).decode()
        self.assertIn("STOPPING=1", msg.split("\n"))
        self.assertEqual(d.proc.wait(10), 0)


if __name__ == "__main__":
    main()
