"""One version everywhere: the one configure.ac's AC_INIT names is what
supervisord --version prints, the last line of every program's --help
(crashmailbatch's too), supervisor-deploy --version, the sample config's
header, getSupervisorVersion, contrib/debian/changelog's top entry and the
RPM spec's Version."""

import os
import re
import subprocess
import unittest

from harness import SRCDIR, SUPERVISORCTL, SUPERVISORD, Supervisord, main, rpc, wait_until

CRASHMAIL = os.environ.get("CRASHMAIL") or os.path.join(os.path.dirname(SUPERVISORD), "..", "crashmail", "crashmail")
DEPLOY = os.environ.get("SUPERVISOR_DEPLOY") or os.path.join(
    os.path.dirname(SUPERVISORD), "..", "supervisor-deploy", "supervisor-deploy")


def configured_version():
    with open(os.path.join(SRCDIR, "configure.ac")) as f:
        m = re.search(r"^AC_INIT\(\[supervisor-native\],\s*\[([^\]]+)\]", f.read(), re.M)
    assert m, "no AC_INIT in configure.ac"
    return m.group(1)


def output(*args):
    r = subprocess.run(list(args), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert r.returncode == 0 and r.stderr == "", (args, r)
    return r.stdout


class OneVersion(unittest.TestCase):
    def setUp(self):
        self.version = configured_version()
        self.assertRegex(self.version, r"^\d+\.\d+\.\d+")

    def test_supervisord_version_is_the_bare_number_as_in_supervisor(self):
        for flag in ("-v", "--version"):
            self.assertEqual(output(SUPERVISORD, flag), self.version + "\n")

    def test_every_help_ends_with_the_version(self):
        d = Supervisord(self, "")
        batch = d.path("crashmailbatch")
        os.symlink(os.path.abspath(CRASHMAIL), batch)
        programs = [("supervisord", SUPERVISORD), ("supervisorctl", SUPERVISORCTL), ("crashmail", CRASHMAIL),
                    ("crashmail", batch), ("supervisor-deploy", DEPLOY)]
        for name, path in programs:
            for flag in ("-h", "--help"):
                with self.subTest(program=path, flag=flag):
                    last = output(path, flag).splitlines()[-1]
                    self.assertEqual(last, "%s (supervisor-native) %s" % (name, self.version))

    def test_deploy_version(self):
        self.assertEqual(output(DEPLOY, "--version"), "supervisor-deploy (supervisor-native) %s\n" % self.version)

    def test_sample_config_names_it(self):
        self.assertIn("(supervisor-native %s)" % self.version, output(SUPERVISORD, "--sample-config").splitlines()[1])

    def test_the_daemon_reports_it(self):
        d = Supervisord(self, """
            [supervisord]
            logfile={dir}/supervisord.log
            pidfile={dir}/supervisord.pid
            [unix_http_server]
            file={dir}/s.sock
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            """).start()
        proxy = rpc("unix://" + d.path("s.sock"))

        def version():
            try:
                return proxy.supervisor.getSupervisorVersion()
            except OSError:
                return None
        self.assertEqual(wait_until(version, 10, what="the daemon answering"), self.version)
        self.assertEqual(d.stop(), 0)

    def test_debian_changelog_is_at_the_same_version(self):
        with open(os.path.join(SRCDIR, "contrib", "debian", "changelog")) as f:
            first = f.readline()
        self.assertRegex(first, r"^supervisor-native \(%s\) " % re.escape(self.version))

    def test_rpm_spec_is_at_the_same_version(self):
        with open(os.path.join(SRCDIR, "contrib", "supervisor-native.spec")) as f:
            self.assertRegex(f.read(), r"(?m)^Version:\s+%s$" % re.escape(self.version))


if __name__ == "__main__":
    main()
