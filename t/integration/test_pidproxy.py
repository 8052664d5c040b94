"""pidproxy: ours and supervisor's side by side (the same command line,
output and signals passed on), and ours under supervisord."""

import os
import signal
import subprocess
import sys
import tempfile
import shutil
import textwrap
import time
import unittest

from harness import SUPERVISORD_SECTION, UNIX_SERVER, Supervisord, conf, main, rpc, wait_until

OURS = os.environ.get("PIDPROXY") or os.path.join(os.path.dirname(__file__), "..", "..", "src", "pidproxy", "pidproxy")
THEIRS = "/usr/bin/pidproxy"

# A daemon-like worker: writes its pid where pidproxy reads it and notes
# each signal it gets; TERM ends it.
WORKER = textwrap.dedent("""\
    import os, signal, sys, time
    pidfile, notes = sys.argv[1], sys.argv[2]
    def note(sig, _frame):
        with open(notes, "a") as f:
            f.write(signal.Signals(sig).name + "\\n")
        if sig == signal.SIGTERM:
            sys.exit(0)
    for s in (signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM):
        signal.signal(s, note)
    with open(pidfile + ".tmp", "w") as f:
        f.write("%d\\n" % os.getpid())
    os.rename(pidfile + ".tmp", pidfile)
    while True:
        time.sleep(60)
    """)


class Scratch:
    def __init__(self, testcase):
        self.dir = tempfile.mkdtemp(prefix="sn-pp-")
        testcase.addCleanup(shutil.rmtree, self.dir, True)
        self.procs = []
        testcase.addCleanup(self.kill_all)
        self.worker = self.path("worker.py")
        with open(self.worker, "w") as f:
            f.write(WORKER)

    def path(self, name):
        return os.path.join(self.dir, name)

    def start(self, proxy, *args):
        p = subprocess.Popen([proxy] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=self.dir, start_new_session=True)
        self.procs.append(p)
        return p

    def notes(self):
        try:
            with open(self.path("notes")) as f:
                return f.read().split()
        except FileNotFoundError:
            return []

    def kill_all(self):
        for p in self.procs:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait(10)
            p.stdout.close()
            p.stderr.close()


class SideBySide:
    """The same tests for ours and for supervisor's (`proxy`)."""
    proxy = None

    def test_usage_on_stdout_and_status_1(self):
        proxy = self.proxy
        for args in ([], ["only.pid"]):
            r = subprocess.run([proxy] + args, capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stdout, "pidproxy -- run command and proxy signals to it via its pidfile.\n\n"
                             "This executable runs a command and then monitors a pidfile.  When this\n"
                             "executable receives a signal, it sends the same signal to the pid\n"
                             "in the pidfile.\n\nUsage: %s <pidfile name> <command> [<cmdarg1> ...]\n\n" % proxy)

    def test_signals_go_to_the_pidfiles_pid_and_term_ends_both(self):
        proxy = self.proxy
        s = Scratch(self)
        pidfile = s.path("worker.pid")
        p = s.start(proxy, pidfile, sys.executable, s.worker, pidfile, s.path("notes"))
        wait_until(lambda: os.path.exists(pidfile), 20, what="the worker's pidfile")
        for sig, name in ((signal.SIGHUP, "SIGHUP"), (signal.SIGUSR1, "SIGUSR1"), (signal.SIGUSR2, "SIGUSR2")):
            os.kill(p.pid, sig)
            wait_until(lambda: name in s.notes(), what=name + " passed on")
            self.assertIsNone(p.poll(), "pidproxy goes on after " + name)
        os.kill(p.pid, signal.SIGTERM)
        self.assertEqual(p.wait(10), 0)
        wait_until(lambda: "SIGTERM" in s.notes(), what="SIGTERM passed on")

    def test_an_unreadable_pidfile_is_said_and_nothing_ends(self):
        proxy = self.proxy
        s = Scratch(self)
        p = s.start(proxy, s.path("missing.pid"), "/bin/sleep", "60")
        time.sleep(0.5)  # supervisor's sets its handlers after it starts
        os.kill(p.pid, signal.SIGHUP)
        os.kill(p.pid, signal.SIGTERM)
        time.sleep(0.5)
        self.assertIsNone(p.poll(), "TERM with no pid to pass it to does not end pidproxy")
        os.killpg(p.pid, signal.SIGKILL)
        p.wait(10)
        self.assertEqual(p.stdout.read(), "Can't read child pidfile %s!\n" % s.path("missing.pid") * 2)

    def test_it_ends_with_status_0_when_its_child_does(self):
        proxy = self.proxy
        s = Scratch(self)
        p = s.start(proxy, s.path("x.pid"), "/bin/sh", "-c", "exit 3")
        self.assertEqual(p.wait(15), 0)


class Ours(SideBySide, unittest.TestCase):
    proxy = OURS


@unittest.skipUnless(os.path.exists(THEIRS), "Debian's supervisor package is not installed")
class Supervisors(SideBySide, unittest.TestCase):
    proxy = THEIRS


class UnderSupervisord(unittest.TestCase):
    def test_stop_reaches_the_daemon_behind_it(self):
        d = Supervisord(self, conf(SUPERVISORD_SECTION, UNIX_SERVER, """
            [program:db]
            command=%s {dir}/db.pid {python} {dir}/worker.py {dir}/db.pid {dir}/notes
            startsecs=0
            """ % OURS))
        d.write("worker.py", WORKER)
        d.start()
        d.wait_log("success: db")
        wait_until(lambda: os.path.exists(d.path("db.pid")), 20, what="the worker's pidfile")
        server = rpc("unix://" + d.path("supervisor.sock"))
        self.assertTrue(server.supervisor.stopProcess("db"))
        self.assertEqual(server.supervisor.getProcessInfo("db")["statename"], "STOPPED")
        wait_until(lambda: d.read("notes").split() == ["SIGTERM"], what="SIGTERM passed on")
        self.assertEqual(d.stop(), 0)
        self.assertEqual(d.leftovers(), [])


if __name__ == "__main__":
    main()
