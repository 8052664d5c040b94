"""The Debian package installed for real: a Debian 12 root made with
mmdebstrap from Debian's archive, Debian's supervisor installed and running
in it with its own configuration, then our .deb with apt-get; what must hold
while it is installed, and after it is purged. Run by .ci/run after
contrib/build-deb, with SN_DEB naming the .deb; as root, where the machine
can chroot (skipped with the reason otherwise)."""

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from harness import main  # noqa: E402

DEB = os.environ.get("SN_DEB", "")
MIRROR = os.environ.get("SN_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SRCDIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")

DIVERTED = ["/usr/bin/supervisord", "/usr/bin/supervisorctl", "/usr/bin/echo_supervisord_conf",
            "/usr/bin/pidproxy", "/usr/share/man/man1/supervisorctl.1.gz",
            "/usr/share/man/man1/echo_supervisord_conf.1.gz", "/usr/share/man/man1/pidproxy.1.gz",
            "/lib/systemd/system/supervisor.service"]

# Programs as a host has them: a plain one, a self-daemonizing one behind
# pidproxy, and a listener built on supervisor.childutils.
PROGRAMS = textwrap.dedent("""\
    [program:sleeper]
    command=/bin/sleep 1000
    [program:proxied]
    command=/usr/bin/pidproxy /tmp/worker.pid /usr/bin/python3 /tmp/worker.py
    [eventlistener:listener]
    command=/usr/bin/python3 /tmp/listener.py
    events=PROCESS_STATE
    """)
WORKER = textwrap.dedent("""\
    import os, signal, sys, time
    def term(_sig, _frame):
        open("/tmp/worker.notes", "a").write("TERM\\n")
        sys.exit(0)
    signal.signal(signal.SIGTERM, term)
    open("/tmp/worker.pid", "w").write("%d\\n" % os.getpid())
    while True:
        time.sleep(60)
    """)
LISTENER = textwrap.dedent("""\
    import sys
    from supervisor import childutils
    while True:
        headers, payload = childutils.listener.wait(sys.stdin, sys.stdout)
        fields = childutils.get_headers(payload)
        with open("/tmp/events.log", "a") as f:
            f.write("%s %s\\n" % (headers["eventname"], fields.get("processname")))
        childutils.listener.ok(sys.stdout)
    """)


def why_it_cannot_run():
    if not DEB or not os.path.exists(DEB):
        return "SN_DEB does not name a built .deb (contrib/build-deb makes one)"
    if os.geteuid() != 0:
        return "needs root to chroot"
    if not shutil.which("mmdebstrap"):
        return "mmdebstrap is not installed (contrib/install-deps --test-peers installs it)"
    probe = tempfile.mkdtemp(prefix="sn-chroot-probe-")
    try:
        r = subprocess.run(["unshare", "--mount", "--fork", "sh", "-c", "mount -t tmpfs none '%s'" % probe],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return "this machine cannot mount in a scratch namespace: " + r.stderr.strip()
    finally:
        os.rmdir(probe)
    return ""


class DebianHost(unittest.TestCase):
    """One Debian 12 root for the whole scenario; the tests run in order."""

    skip_reason = ""

    @classmethod
    def setUpClass(cls):
        cls.skip_reason = why_it_cannot_run()
        if cls.skip_reason:
            return
        try:
            cls.make_root()
        except BaseException:
            cls.tearDownClass()
            raise

    def setUp(self):
        if self.skip_reason:
            self.skipTest(self.skip_reason)

    @classmethod
    def make_root(cls):
        cls.work = tempfile.mkdtemp(prefix="sn-debroot-")
        cls.root = os.path.join(cls.work, "root")
        depends = subprocess.run(["dpkg-deb", "-f", DEB, "Depends"], capture_output=True, text=True, check=True)
        libs = [re.split(r"[ (]", d.strip())[0] for d in depends.stdout.split(",")]
        subprocess.run(["mmdebstrap", "--mode=root", "--variant=apt", "--include=" + ",".join(["supervisor"] + libs),
                        "bookworm", cls.root, MIRROR], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       check=True, timeout=600)
        cls.mounts = []
        for fs, where, opts in (("proc", "proc", []), ("devpts", "dev/pts", ["-o", "newinstance,ptmxmode=0666"])):
            subprocess.run(["mount", "-t", fs] + opts + [fs, os.path.join(cls.root, where)], check=True)
            cls.mounts.append(os.path.join(cls.root, where))
        shutil.copy(DEB, os.path.join(cls.root, "tmp", "supervisor-native.deb"))
        for name, text in (("worker.py", WORKER), ("listener.py", LISTENER)):
            cls.write("/tmp/" + name, text)
        cls.write("/etc/supervisor/conf.d/programs.conf", PROGRAMS)
        with open(cls.path("/etc/supervisor/supervisord.conf"), "rb") as f:
            cls.debian_conf = f.read()

    @classmethod
    def tearDownClass(cls):
        if not hasattr(cls, "work"):
            return
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    if os.readlink("/proc/%s/root" % pid) == cls.root:
                        os.kill(int(pid), signal.SIGKILL)
                except OSError:
                    pass
        time.sleep(0.2)
        for m in reversed(getattr(cls, "mounts", [])):
            r = subprocess.run(["umount", "-l", m], capture_output=True, text=True)
            if r.returncode != 0:
                print("# cannot unmount %s: %s" % (m, r.stderr.strip()), flush=True)
        shutil.rmtree(cls.work, ignore_errors=True)

    # -- the root

    @classmethod
    def path(cls, p):
        return os.path.join(cls.root, p.lstrip("/"))

    @classmethod
    def write(cls, p, text):
        os.makedirs(os.path.dirname(cls.path(p)), exist_ok=True)
        with open(cls.path(p), "w") as f:
            f.write(text)

    def read(self, p):
        try:
            with open(self.path(p), errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def sh(self, command, check=True, timeout=300):
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C"}
        r = subprocess.run(["chroot", self.root, "sh", "-c", command], capture_output=True, text=True, env=env,
                           timeout=timeout, stdin=subprocess.DEVNULL)
        if check and r.returncode != 0:
            self.fail("%r exited %d:\n%s%s" % (command, r.returncode, r.stdout, r.stderr))
        return r.stdout

    def wait(self, predicate, what, timeout=30):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                self.fail("timed out waiting for " + what)
            time.sleep(0.1)

    def daemon_pid(self):
        text = self.read("/run/supervisord.pid").strip()
        return int(text) if text.isdigit() and os.path.exists("/proc/" + text) else None

    def status(self):
        return self.sh("supervisorctl status", check=False)

    def start_daemon(self):
        # What Debian's init script does; no init runs in the root.
        self.sh("/usr/bin/supervisord -c /etc/supervisor/supervisord.conf")
        self.wait(lambda: re.search(r"sleeper +RUNNING", self.status()), "sleeper RUNNING")

    def stop_daemon(self):
        pid = self.daemon_pid()
        self.sh("supervisorctl shutdown")
        self.wait(lambda: not os.path.exists("/proc/%d" % pid), "supervisord to exit")

    def diversions(self):
        return sorted(self.sh("dpkg-divert --list supervisor-native").splitlines())

    # -- the scenario, in order

    def test_1_debians_supervisor_runs_its_config(self):
        self.start_daemon()
        self.assertTrue(self.read("/usr/bin/supervisord").startswith("#!/usr/bin/python3"))
        self.wait(lambda: "PROCESS_STATE_RUNNING sleeper" in self.read("/tmp/events.log"), "a childutils event")
        type(self).python_pid = self.daemon_pid()

    def test_2_installing_ours_stops_debians_and_diverts_its_files(self):
        out = self.sh("apt-get install -y /tmp/supervisor-native.deb")
        self.assertIn("Setting up supervisor-native", out)
        self.assertFalse(os.path.exists("/proc/%d" % self.python_pid), "Debian's supervisord was stopped")
        self.assertEqual(self.diversions(), sorted(
            "diversion of %s to %s.distrib by supervisor-native" % (f, f) for f in DIVERTED))
        for f in DIVERTED:
            self.assertTrue(os.path.lexists(self.path(f + ".distrib")), f + ".distrib")
        self.assertEqual(self.sh("supervisord --version").strip(), self.sh(
            "dpkg-query -W -f '${Version}' supervisor-native"))
        for program in ("supervisord", "supervisorctl", "pidproxy"):
            with open(self.path("/usr/bin/" + program), "rb") as f:
                self.assertEqual(f.read(4), b"\x7fELF", program + " is ours")
        self.assertIn("supervisor-native", self.sh("echo_supervisord_conf"))
        self.assertIn("pidproxy", self.sh("zcat /usr/share/man/man1/pidproxy.1.gz"))
        self.assertIn("supervisor-native", self.sh("zcat /usr/share/man/man1/supervisorctl.1.gz"))
        self.assertEqual(self.sh("dpkg-query -W -f '${Status}' supervisor"), "install ok installed")

    def test_3_the_config_is_used_as_it_is(self):
        with open(self.path("/etc/supervisor/supervisord.conf"), "rb") as f:
            self.assertEqual(f.read(), self.debian_conf)
        self.assertFalse(os.path.exists(self.path("/var/lib/supervisor-native/made-supervisord.conf")))
        self.assertEqual(self.sh("supervisord --check-config -c /etc/supervisor/supervisord.conf").splitlines()[-1],
                         "/etc/supervisor/supervisord.conf: no warnings; supervisord would start")

    def test_4_supervisor_names_our_unit(self):
        self.assertEqual(os.readlink(self.path("/etc/systemd/system/supervisor.service")),
                         "/lib/systemd/system/supervisord.service")
        unit = self.read("/lib/systemd/system/supervisord.service")
        self.assertIn("Description=supervisor-native process control system", unit)
        self.assertIn("\nAlias=supervisor.service\n", unit)
        self.assertFalse(os.path.lexists(self.path("/lib/systemd/system/supervisor.service")), "Debian's is aside")
        for name in ("supervisord.service", "supervisor.service"):
            r = subprocess.run(["systemctl", "--root=" + self.root, "is-enabled", name], capture_output=True, text=True)
            self.assertIn(r.stdout.strip(), ("enabled", "alias"), name + ": " + r.stderr)

    def test_5_our_daemon_runs_the_programs_listener_and_pidproxy(self):
        os.unlink(self.path("/tmp/events.log"))
        self.start_daemon()
        self.assertEqual(self.read("/proc/%d/cmdline" % self.daemon_pid()).split("\0")[0], "/usr/bin/supervisord")
        with open("/proc/%d/exe" % self.daemon_pid(), "rb") as f:
            self.assertEqual(f.read(4), b"\x7fELF", "our supervisord, not Python's")
        self.wait(lambda: re.search(r"proxied +RUNNING", self.status()), "proxied RUNNING")
        self.wait(lambda: re.search(r"listener +RUNNING", self.status()), "listener RUNNING")
        self.wait(lambda: "PROCESS_STATE_RUNNING sleeper" in self.read("/tmp/events.log"),
                  "the childutils listener's event")
        self.wait(lambda: self.read("/tmp/worker.pid").strip(), "the worker's pidfile")
        self.sh("supervisorctl stop proxied")
        self.wait(lambda: "TERM" in self.read("/tmp/worker.notes"), "pidproxy to pass TERM on")
        self.wait(lambda: "PROCESS_STATE_STOPPED proxied" in self.read("/tmp/events.log"), "the STOPPED event")
        self.stop_daemon()

    def test_6_purge_gives_the_host_back(self):
        self.sh("apt-get purge -y supervisor-native")
        self.assertEqual(self.diversions(), [])
        for f in DIVERTED:
            self.assertTrue(os.path.lexists(self.path(f)), f + " is back")
            self.assertFalse(os.path.lexists(self.path(f + ".distrib")), f + ".distrib is gone")
        for program in ("supervisord", "supervisorctl", "pidproxy", "echo_supervisord_conf"):
            self.assertTrue(self.read("/usr/bin/" + program).startswith("#!/usr/bin/python3"), program)
        self.assertFalse(os.path.lexists(self.path("/etc/systemd/system/supervisor.service")), "our alias is gone")
        self.assertIn("Supervisor process control system for UNIX", self.read("/lib/systemd/system/supervisor.service"))
        with open(self.path("/etc/supervisor/supervisord.conf"), "rb") as f:
            self.assertEqual(f.read(), self.debian_conf)
        self.assertFalse(os.path.exists(self.path("/var/lib/supervisor-native")))
        self.assertEqual(self.sh("dpkg-query -W -f '${Status}' supervisor"), "install ok installed")
        self.start_daemon()
        self.assertTrue(self.read("/proc/%d/cmdline" % self.daemon_pid()).startswith("/usr/bin/python3"))
        self.stop_daemon()

    def test_7_install_deps_leaves_new_services_stopped_and_disabled(self):
        script = self.path("/tmp/install-deps")
        shutil.copy(os.path.join(SRCDIR, "contrib", "install-deps"), script)
        wants = self.path("/etc/systemd/system/multi-user.target.wants")
        self.assertTrue(os.path.lexists(os.path.join(wants, "supervisor.service")), "enabled by its own package")
        self.sh("SN_BUILD_PACKAGES=procps SN_TEST_PEER_PACKAGES='supervisor openssh-server' "
                "/tmp/install-deps --test-peers", timeout=600)
        self.assertEqual(self.sh("dpkg-query -W -f '${Status}' openssh-server"), "install ok installed")
        self.assertFalse(os.path.lexists(os.path.join(wants, "ssh.service")), "sshd is not enabled")
        for unit in ("ssh.service", "ssh.socket"):
            r = subprocess.run(["systemctl", "--root=" + self.root, "is-enabled", unit], capture_output=True, text=True)
            self.assertEqual(r.stdout.strip(), "disabled", unit + ": " + r.stderr)
        self.assertFalse(glob.glob(self.path("/etc/rc[2-5].d/S*ssh")), "nor its init script")
        self.assertNotIn("sshd", self.sh("ps -e -o comm"), "nor running")
        self.assertFalse(os.path.exists(self.path("/usr/sbin/policy-rc.d")), "the policy is taken away")
        self.assertTrue(os.path.lexists(os.path.join(wants, "supervisor.service")),
                        "supervisor, installed before, is left as it was")


if __name__ == "__main__":
    main()
