#!/usr/bin/env python3
"""supervisor-deploy against real sshd's (Debian's openssh-server) started by
the test on 127.0.0.2, 127.0.0.3, ... with their own host keys: key and
password logins, an unreachable host failing within the timeout while the
others succeed, a re-run that changes nothing, a changed host key refused,
an unknown one refused unless --accept-new, and each deployed supervisord
answering XML-RPC with the deployment namespace and running a program of
the template. Needs root (sshd logs in as root; the password login uses a
user the test creates and removes). A login through ssh-agent too."""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import xmlrpc.client

from harness import SRCDIR, alive, free_port, main, wait_until

DEPLOY = os.environ.get("SUPERVISOR_DEPLOY") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "src", "supervisor-deploy", "supervisor-deploy")
BUILD_TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(DEPLOY)), "..", ".."))
SSHD = "/usr/sbin/sshd"
PASSWORD_USER = "sn-deploy-test"
SSH_PASSWORD = "pw-Zq81-not-shown"
HTTP_PASSWORD = "http-Kx2-not-shown"


def usable():
    return os.geteuid() == 0 and os.path.exists(SSHD) and shutil.which("ssh-keygen") and shutil.which("useradd")


def keygen(path):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True, timeout=30)


class Sshd:
    """One private sshd: a "host" at `address`:`port`."""

    def __init__(self, testcase, workdir, address, authorized_keys, extra=""):
        self.address = address
        self.port = free_port()
        self.dir = os.path.join(workdir, "sshd-" + address)
        os.makedirs(self.dir)
        self.host_key = os.path.join(self.dir, "host_key")
        keygen(self.host_key)
        config = os.path.join(self.dir, "sshd_config")
        with open(config, "w") as f:
            f.write("Port %d\nListenAddress %s\nHostKey %s\nPidFile %s/sshd.pid\nAuthorizedKeysFile %s\n"
                    "StrictModes no\nUsePAM no\nPasswordAuthentication yes\nPermitRootLogin yes\n"
                    "KbdInteractiveAuthentication no\nSubsystem sftp internal-sftp\nLogLevel VERBOSE\n%s"
                    % (self.port, address, self.host_key, self.dir, authorized_keys, extra))
        os.makedirs("/run/sshd", exist_ok=True)
        self.log = open(os.path.join(self.dir, "sshd.log"), "w")
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", config], stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        testcase.addCleanup(self.stop)
        wait_until(self.accepts, 10, what="sshd on %s:%d" % (address, self.port))

    def accepts(self):
        try:
            with socket.create_connection((self.address, self.port), timeout=1):
                return True
        except OSError:
            return False

    def known_hosts_line(self):
        with open(self.host_key + ".pub") as f:
            kind, key = f.read().split()[:2]
        return "[%s]:%d %s %s\n" % (self.address, self.port, kind, key)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.log.close()


@unittest.skipUnless(usable(), "needs root, Debian's openssh-server and useradd")
class DeployTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        subprocess.run(["userdel", "-r", PASSWORD_USER], capture_output=True)
        subprocess.run(["useradd", "-m", "-s", "/bin/sh", PASSWORD_USER], check=True, timeout=30)
        subprocess.run(["chpasswd"], input="%s:%s\n" % (PASSWORD_USER, SSH_PASSWORD), text=True, check=True,
                       timeout=30)

    @classmethod
    def tearDownClass(cls):
        subprocess.run(["pkill", "-KILL", "-u", PASSWORD_USER], capture_output=True)
        subprocess.run(["userdel", "-r", PASSWORD_USER], capture_output=True)

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sn-deploy-")
        os.chmod(self.dir, 0o755)
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.addCleanup(self.stop_deployed)
        self.key = os.path.join(self.dir, "id_ed25519")
        keygen(self.key)
        shutil.copy(self.key + ".pub", os.path.join(self.dir, "authorized_keys"))
        self.known_hosts = os.path.join(self.dir, "known_hosts")
        self.roots = []
        # a template: the installed one plus a program, so the test sees it run
        with open(os.path.join(SRCDIR, "etc", "supervisord-deploy.conf.in")) as f:
            template = f.read()
        self.template = os.path.join(self.dir, "template.conf.in")
        with open(self.template, "w") as f:
            f.write(template + "\n[program:hello]\ncommand=sleep 1000\nautostart=true\nstartsecs=0\n")

    def stop_deployed(self):
        """Every supervisord the test deployed, and the programs it leaves running (subprocpidfile)."""
        for root in self.roots:
            pids = []
            for name, field in (("supervisor/supervisord.pid", 0), ("log/subprocess.pids", 1)):
                try:
                    with open(os.path.join(root, name)) as f:
                        pids += [int(line.split()[field]) for line in f if line.strip()]
                except (OSError, ValueError, IndexError):
                    pass
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def root_for(self, owner=None):
        root = tempfile.mkdtemp(prefix="root-", dir=self.dir)
        os.chmod(root, 0o755)
        if owner:
            pw = pwd.getpwnam(owner)
            os.chown(root, pw.pw_uid, pw.pw_gid)
        self.roots.append(root)
        return root

    def group(self, name, user, root, hosts, http_port, **extra):
        lines = ["[%s]" % name, "user=" + user, "root_dir=" + root, "data_dirs=%s/data1,%s/data2" % (root, root),
                 "known_hosts=" + self.known_hosts, "http_port=%d" % http_port, "http_bind=host",
                 "http_password=" + HTTP_PASSWORD, "package_server=http://127.0.0.1:1"]
        lines += ["%s=%s" % kv for kv in extra.items()]
        lines += ["host.%d=%s" % (i, h) for i, h in enumerate(hosts)]
        return "\n".join(lines) + "\n"

    def write_config(self, text):
        path = os.path.join(self.dir, "deploy-%d.cfg" % len(os.listdir(self.dir)))
        with open(path, "w") as f:
            f.write(text)
        return path

    def deploy(self, config, *args, timeout=120, env=None):
        r = subprocess.run([DEPLOY, "--from", BUILD_TOP, "--template", self.template, *args, config],
                           capture_output=True, text=True, timeout=timeout, env=env)
        for secret in (SSH_PASSWORD, HTTP_PASSWORD):
            self.assertNotIn(secret, r.stdout + r.stderr)
        return r

    def rpc(self, address, port):
        return xmlrpc.client.ServerProxy("http://minosuser:%s@%s:%d/RPC2" % (HTTP_PASSWORD, address, port))

    def rows(self, stdout):
        """The final table's rows: host -> (group, result, error)."""
        table = stdout[stdout.index("HOST "):].splitlines()[1:]
        out = {}
        for line in table:
            parts = line.split(None, 4)
            out[parts[0]] = (parts[1], parts[2], parts[4] if len(parts) > 4 else "")
        return out

    def test_deploy_rerun_and_an_unreachable_host(self):
        key_host = Sshd(self, self.dir, "127.0.0.2", os.path.join(self.dir, "authorized_keys"))
        password_host = Sshd(self, self.dir, "127.0.0.3", os.path.join(self.dir, "authorized_keys"))
        with open(self.known_hosts, "w") as f:
            f.write(key_host.known_hosts_line() + password_host.known_hosts_line())
        dead_port = free_port()  # nothing listens there
        key_root, password_root = self.root_for(), self.root_for(PASSWORD_USER)
        http_a, http_b = free_port(), free_port()
        config = self.write_config(
            self.group("group_1", "root", key_root, ["127.0.0.2:%d" % key_host.port], http_a,
                       identity_file=self.key)
            + self.group("group_2", PASSWORD_USER, password_root,
                         ["127.0.0.3:%d" % password_host.port], http_b, password=SSH_PASSWORD)
            + self.group("dead", "root", self.root_for(), ["127.0.0.4:%d" % dead_port], free_port(),
                         identity_file=self.key))
        start = time.monotonic()
        r = self.deploy(config, "--timeout", "5", "-j", "3")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        rows = self.rows(r.stdout)
        self.assertEqual(rows["127.0.0.2:%d" % key_host.port][:2], ("group_1", "installed"), r.stdout)
        self.assertEqual(rows["127.0.0.3:%d" % password_host.port][:2], ("group_2", "installed"), r.stdout)
        dead = rows["127.0.0.4:%d" % dead_port]
        self.assertEqual(dead[1], "FAILED")
        self.assertRegex(dead[2], "cannot connect|refused|timed out")
        self.assertLess(time.monotonic() - start, 60)
        for address, port, root, owner in (("127.0.0.2", http_a, key_root, "root"),
                                           ("127.0.0.3", http_b, password_root, PASSWORD_USER)):
            p = self.rpc(address, port)
            self.assertEqual(p.supervisor.getState()["statename"], "RUNNING")
            self.assertIn("deployment.bootstrap", p.system.listMethods())
            wait_until(lambda: p.supervisor.getProcessInfo("hello")["statename"] == "RUNNING", 10,
                       what="hello RUNNING on " + address)
            self.assertEqual(p.deployment.get_run_dir("s", "c", "j"), root + "/app/s/c/j")
            for d in ("data1", "data2", "log", "app", "packages"):
                self.assertTrue(os.path.isdir(os.path.join(root, d)), d)
            self.assertEqual(pwd.getpwuid(os.stat(root + "/supervisor/supervisord.conf").st_uid).pw_name, owner)
            self.assertEqual(os.stat(root + "/supervisor/supervisord.conf").st_mode & 0o777, 0o600)
            self.assertEqual(sorted(f for f in os.listdir(root + "/supervisor/bin")),
                             ["crashmail", "supervisorctl", "supervisord"])
        first_pid = self.rpc("127.0.0.2", http_a).supervisor.getPID()

        # a re-run changes nothing: same daemons
        config2 = self.write_config(open(config).read().split("[dead]")[0])
        r = self.deploy(config2)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual({v[1] for v in self.rows(r.stdout).values()}, {"unchanged"}, r.stdout)
        self.assertEqual(self.rpc("127.0.0.2", http_a).supervisor.getPID(), first_pid)

        # a new template is a new install: the old supervisord is stopped and
        # the new one adopts its programs (subprocpidfile)
        hello = self.rpc("127.0.0.2", http_a).supervisor.getProcessInfo("hello")["pid"]
        with open(self.template, "a") as f:
            f.write("; changed\n")
        r = self.deploy(config2, "-g", "group_1")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(list(self.rows(r.stdout).values())[0][1], "installed")
        p = self.rpc("127.0.0.2", http_a)
        self.assertNotEqual(p.supervisor.getPID(), first_pid)
        self.assertFalse(alive(first_pid))
        info = p.supervisor.getProcessInfo("hello")
        self.assertEqual((info["pid"], info["resumed"]), (hello, True))

    def test_host_keys(self):
        host = Sshd(self, self.dir, "127.0.0.5", os.path.join(self.dir, "authorized_keys"))
        other_key = os.path.join(self.dir, "other_host_key")
        keygen(other_key)
        with open(other_key + ".pub") as f:
            kind, key = f.read().split()[:2]
        with open(self.known_hosts, "w") as f:
            f.write("[127.0.0.5]:%d %s %s\n" % (host.port, kind, key))
        config = self.write_config(self.group("g", "root", self.root_for(), ["127.0.0.5:%d" % host.port],
                                              free_port(), identity_file=self.key))
        # a changed key: refused, even with --accept-new
        for args in ((), ("--accept-new",)):
            r = self.deploy(config, *args)
            self.assertEqual(r.returncode, 1)
            self.assertIn("the host key has CHANGED", r.stdout)
        # an unknown key: refused, then added with --accept-new
        os.unlink(self.known_hosts)
        r = self.deploy(config)
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown host key ssh-ed25519 SHA256:", r.stdout)
        self.assertIn("--accept-new", r.stdout)
        r = self.deploy(config, "--accept-new")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(self.known_hosts) as f:
            self.assertIn("[127.0.0.5]:%d ssh-ed25519 " % host.port, f.read())

    def test_a_host_that_cannot_run_it_is_told_why(self):
        # a host whose uname says another architecture (a PATH sshd sets)
        fake = os.path.join(self.dir, "fakebin")
        os.makedirs(fake)
        with open(os.path.join(fake, "uname"), "w") as f:
            f.write("#!/bin/sh\necho aarch64\n")
        os.chmod(os.path.join(fake, "uname"), 0o755)
        other_arch = Sshd(self, self.dir, "127.0.0.6", os.path.join(self.dir, "authorized_keys"),
                          "SetEnv PATH=%s:/usr/bin:/bin\n" % fake)
        plain = Sshd(self, self.dir, "127.0.0.7", os.path.join(self.dir, "authorized_keys"))
        with open(self.known_hosts, "w") as f:
            f.write(other_arch.known_hosts_line() + plain.known_hosts_line())
        root = self.root_for()
        config = self.write_config(
            self.group("arch", "root", root, ["127.0.0.6:%d" % other_arch.port], free_port(), identity_file=self.key)
            + self.group("disk", "root", self.root_for(), ["127.0.0.7:%d" % plain.port], free_port(),
                         identity_file=self.key).replace("data_dirs=", "data_dirs=/proc/sn-no-such-dir,"))
        r = self.deploy(config)
        self.assertEqual(r.returncode, 1)
        rows = self.rows(r.stdout)
        self.assertIn("the host is aarch64, the programs are built for %s" % os.uname().machine,
                      rows["127.0.0.6:%d" % other_arch.port][2])
        self.assertIn("data dir /proc/sn-no-such-dir cannot be created or written by root",
                      rows["127.0.0.7:%d" % plain.port][2])
        self.assertFalse(os.path.exists(os.path.join(root, "supervisor", "bin")))  # nothing was installed

    def test_login_with_ssh_agent(self):
        host = Sshd(self, self.dir, "127.0.0.8", os.path.join(self.dir, "authorized_keys"))
        with open(self.known_hosts, "w") as f:
            f.write(host.known_hosts_line())
        sock = os.path.join(self.dir, "agent.sock")
        agent = subprocess.Popen(["ssh-agent", "-D", "-a", sock], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        self.addCleanup(agent.wait, 10)
        self.addCleanup(agent.terminate)
        no_agent = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
        with_agent = dict(no_agent, SSH_AUTH_SOCK=sock)
        # "ssh-add -l" says 1 (no keys) once the agent answers, 2 before
        wait_until(lambda: subprocess.run(["ssh-add", "-l"], env=with_agent, capture_output=True,
                                          timeout=10).returncode == 1, 10, what="ssh-agent answering")
        subprocess.run(["ssh-add", "-q", self.key], env=with_agent, check=True, timeout=30,
                       capture_output=True)
        http = free_port()
        root = self.root_for()
        # neither identity_file nor password: the agent's key or nothing
        config = self.write_config(self.group("agent", "root", root, ["127.0.0.8:%d" % host.port], http))
        r = self.deploy(config, "--timeout", "10", env=no_agent)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        failed = self.rows(r.stdout)["127.0.0.8:%d" % host.port]
        self.assertEqual(failed[1], "FAILED", r.stdout)
        self.assertRegex(failed[2], "(?i)auth|log ?in", r.stdout)
        r = self.deploy(config, env=with_agent)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.rows(r.stdout)["127.0.0.8:%d" % host.port][1], "installed", r.stdout)
        self.assertEqual(self.rpc("127.0.0.8", http).supervisor.getState()["statename"], "RUNNING")
        with open(os.path.join(host.dir, "sshd.log")) as f:
            self.assertRegex(f.read(), r"Accepted publickey for root from 127\.")

    def test_dry_run_and_config_errors(self):
        config = self.write_config(self.group("g", "root", "/nonexistent/root", ["192.0.2.1"], 9001,
                                              password=SSH_PASSWORD))
        r = self.deploy(config, "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("connect to root@192.0.2.1:22", r.stdout)
        self.assertIn("upload the generated supervisord.conf to /nonexistent/root/supervisor/supervisord.conf",
                      r.stdout)
        # the commented sample is a valid configuration
        r = self.deploy(os.path.join(SRCDIR, "etc", "deploy.cfg"), "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("connect to work@10.0.3.105:2222", r.stdout)
        bad = self.write_config("[g]\nuser=root\nroot_dir=/r\ndata_dirs=/d\nhttp_password=x\n"
                                "package_server=http://p\nhost.0=h:70000\n")
        r = self.deploy(bad)
        self.assertEqual(r.returncode, 2)
        self.assertIn("%s:7: [g] host.0: expected a port from 1 to 65535, got '70000'" % bad, r.stderr)
        # a template that cannot be used says which and why
        for template, why in (("/nonexistent/template.in", "No such file or directory"), ("/dev/null", "it is empty")):
            r = subprocess.run([DEPLOY, "--from", BUILD_TOP, "--template", template, "--dry-run", config],
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("cannot read the template %s: %s" % (template, why), r.stderr)


if __name__ == "__main__":
    main()
