"""supervisord --sample-config and its echo_supervisord_conf link: the
printed file runs as is (after moving its /tmp paths into the test's
directory) under our supervisord and Debian's Python one, supervisorctl finds
the daemon through its [supervisorctl] section, and Debian's own
echo_supervisord_conf output runs under ours."""

import os
import subprocess
import unittest

from harness import PYTHON_SUPERVISORCTL, PYTHON_SUPERVISORD, SUPERVISORCTL, SUPERVISORD, Supervisord, main, rpc, \
    wait_until

ECHO_SUPERVISORD_CONF = "/usr/bin/echo_supervisord_conf"


def sample():
    r = subprocess.run([SUPERVISORD, "--sample-config"], capture_output=True, text=True, timeout=10)
    assert r.returncode == 0 and r.stderr == "", r
    return r.stdout


def run_as_is(testcase, text, binary=None):
    """Starts `binary` on `text` with /tmp/ moved into a scratch dir; returns the running daemon."""
    d = Supervisord(testcase, "", binary=binary)
    d.write("supervisord.conf", text.replace("/tmp/", d.dir + "/"))
    d.start()
    proxy = rpc("unix://" + d.path("supervisor.sock"))

    def running():
        try:
            return proxy.supervisor.getState()["statename"] == "RUNNING"
        except OSError:
            return d.proc.poll() is not None and testcase.fail("exited: " + d.read("daemon.out"))
    wait_until(running, 20, what="the daemon answering on the sample's socket")
    return d, proxy


class SampleConfig(unittest.TestCase):
    def test_link_prints_the_same_and_ignores_arguments(self):
        d = Supervisord(self, "")
        link = d.path("bin/sn-echo_supervisord_conf")
        os.makedirs(os.path.dirname(link))
        os.symlink(os.path.abspath(SUPERVISORD), link)
        r = subprocess.run([link, "-c", "/nonexistent"], capture_output=True, text=True, timeout=10)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, sample(), ""))

    def test_a_failed_write_is_an_error(self):
        d = Supervisord(self, "")
        link = d.path("echo_supervisord_conf")
        os.symlink(os.path.abspath(SUPERVISORD), link)
        for args in ([SUPERVISORD, "--sample-config"], [link]):
            with open("/dev/full", "w") as full:
                r = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=10)
            self.assertEqual(r.returncode, 1, args)
            self.assertIn("cannot write the sample configuration: No space left on device", r.stderr)

    def test_runs_as_printed_and_supervisorctl_finds_it(self):
        d, proxy = run_as_is(self, sample())
        self.assertEqual(proxy.supervisor.getAllProcessInfo(), [])
        self.assertTrue(os.path.exists(d.path("supervisord.pid")))
        self.assertIn("supervisord started", d.read("supervisord.log"))
        r = subprocess.run([SUPERVISORCTL, "-c", d.conf, "pid"], capture_output=True, text=True, timeout=30)
        self.assertEqual((r.returncode, r.stdout.strip()), (0, str(d.pid)), r.stderr)
        self.assertEqual(d.stop(), 0)

    @unittest.skipUnless(os.path.exists(PYTHON_SUPERVISORD), "Debian's supervisor package is not installed")
    def test_debians_supervisord_and_supervisorctl_accept_it(self):
        d, proxy = run_as_is(self, sample(), binary=PYTHON_SUPERVISORD)
        self.assertEqual(proxy.supervisor.getAllProcessInfo(), [])
        r = subprocess.run([PYTHON_SUPERVISORCTL, "-c", d.conf, "pid"], capture_output=True, text=True, timeout=30)
        self.assertEqual((r.returncode, r.stdout.strip()), (0, str(d.pid)), r.stderr)
        self.assertEqual(d.stop(), 0)

    @unittest.skipUnless(os.path.exists(ECHO_SUPERVISORD_CONF), "Debian's supervisor package is not installed")
    def test_runs_debians_sample_as_printed(self):
        text = subprocess.run([ECHO_SUPERVISORD_CONF], capture_output=True, text=True, timeout=30, check=True).stdout
        d, proxy = run_as_is(self, text)
        self.assertEqual(proxy.supervisor.getAllProcessInfo(), [])
        r = subprocess.run([SUPERVISORCTL, "-c", d.conf, "pid"], capture_output=True, text=True, timeout=30)
        self.assertEqual((r.returncode, r.stdout.strip()), (0, str(d.pid)), r.stderr)
        self.assertEqual(d.stop(), 0)


if __name__ == "__main__":
    main()
