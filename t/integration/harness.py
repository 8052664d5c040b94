"""Integration-test harness: runs the real supervisord binary with real
children in a scratch directory, reads its main log and child logs, and
cleans up every process it started.

Tests are plain unittest.TestCase classes; `main()` runs a module's tests
and reports them in TAP, which automake's tap-driver counts one by one.
"""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
import unittest
import socket
import xmlrpc.client

SUPERVISORD = os.environ.get("SUPERVISORD") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "src", "supervisord", "supervisord")
SUPERVISORCTL = os.environ.get("SUPERVISORCTL") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "src", "supervisorctl", "supervisorctl")
SRCDIR = os.environ.get("SN_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", "..")
PYTHON_SUPERVISORD = "/usr/bin/supervisord"
PYTHON_SUPERVISORCTL = "/usr/bin/supervisorctl"

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) (.*)$")


def proc_stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        data = f.read()
    return data[data.rindex(")") + 2:].split()


def alive(pid):
    """True for a live process; a zombie counts as gone."""
    try:
        return proc_stat(pid)[0] != "Z"
    except (OSError, IndexError):
        return False


def descendants(root):
    """Pids of every live descendant of `root`."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            ppid = int(proc_stat(int(name))[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(name))
    out, todo = [], [root]
    while todo:
        for kid in children.get(todo.pop(), []):
            out.append(kid)
            todo.append(kid)
    return [p for p in out if alive(p)]


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a unix socket (supervisorctl's unix:// URLs)."""

    def __init__(self, path, timeout=30):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        super().__init__()
        self.socket_path = path

    def make_connection(self, host):
        return UnixHTTPConnection(self.socket_path)


def rpc(url, timeout=30):
    """An xmlrpc.client proxy for http://host:port or unix:///path."""
    if url.startswith("unix://"):
        return xmlrpc.client.ServerProxy("http://localhost/RPC2", transport=UnixTransport(url[7:]))
    return xmlrpc.client.ServerProxy(url.rstrip("/") + "/RPC2")


def raw_http(port, data, timeout=5.0, host="127.0.0.1"):
    """Sends raw bytes to the HTTP server and returns all it answers before closing or going quiet."""
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        if data:
            s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        s.close()


# How every test configuration starts: all the daemon's files in the test's
# scratch directory.
SUPERVISORD_SECTION = """\
[supervisord]
logfile={dir}/supervisord.log
pidfile={dir}/supervisord.pid
childlogdir={dir}
"""


# A unix socket in the scratch directory with supervisor's namespace on it:
# what a test needs to talk to the daemon (rpc("unix://" + d.path("supervisor.sock"))).
UNIX_SERVER = """\
[unix_http_server]
file={dir}/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
"""


# A test's HTTP server: argv PORT DELAY [CODEFILE]; listens on 127.0.0.1:PORT after
# DELAY seconds and answers every request with the status in CODEFILE (read
# each time; 200 without one).
STATUS_SERVER = """\
import os, socket, sys, time
time.sleep(float(sys.argv[2]))
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(16)
while True:
    c, _ = s.accept()
    c.recv(4096)
    code = open(sys.argv[3]).read().strip() if len(sys.argv) > 3 else "200"
    c.sendall(("HTTP/1.0 %s X\\r\\nContent-Length: 0\\r\\n\\r\\n" % code).encode())
    c.close()
"""

def conf(*parts):
    """Joins config fragments, each dedented on its own."""
    return "".join(textwrap.dedent(p).lstrip("\n") for p in parts)


def wait_until(predicate, timeout=10.0, interval=0.02, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1fs waiting for %s" % (timeout, what))
        time.sleep(interval)


class Supervisord:
    """One supervisord run in its own scratch directory."""

    def __init__(self, testcase, config, name="supervisord.conf", binary=None, extra_args=(),
                 env=None, foreground=True):
        self.testcase = testcase
        self.dir = tempfile.mkdtemp(prefix="sn-it-")
        testcase.addCleanup(self.cleanup)
        self.binary = binary or SUPERVISORD
        self.conf = self.write(name, self.expand(config))
        self.args = [self.binary] + (["-n"] if foreground else []) + ["-c", self.conf] + list(extra_args)
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.known = {}  # pid -> starttime of every process seen under the daemon

    # -- files

    def expand(self, text):
        return textwrap.dedent(text).replace("{dir}", self.dir).replace("{python}", sys.executable)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, mode=0o644):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        os.chmod(p, mode)
        return p

    def script(self, name, body):
        """A small shell script in the scratch directory."""
        return self.write(name, "#!/bin/sh\n" + textwrap.dedent(body), 0o755)

    def read(self, name):
        try:
            with open(self.path(name), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    # -- the daemon

    def start(self):
        self.out = open(self.path("daemon.out"), "wb")
        self.proc = subprocess.Popen(self.args, cwd=self.dir, stdin=subprocess.DEVNULL, stdout=self.out,
                                     stderr=subprocess.STDOUT, env=self.env, start_new_session=True)
        self.pid = self.proc.pid
        return self

    def run_to_exit(self, timeout=10):
        """Runs the daemon expecting it to exit by itself (config errors)."""
        r = subprocess.run(self.args, cwd=self.dir, stdin=subprocess.DEVNULL, capture_output=True,
                           env=self.env, timeout=timeout)
        return r.returncode, r.stdout.decode(), r.stderr.decode()

    def remember_children(self):
        if self.proc and self.proc.poll() is None:
            for pid in descendants(self.pid):
                try:
                    self.known[pid] = proc_stat(pid)[19]
                except (OSError, IndexError):
                    pass

    def children(self):
        self.remember_children()
        return descendants(self.pid) if self.proc and self.proc.poll() is None else []

    def log_lines(self):
        """(LEVEL, message) for every record of the main log (continuation lines joined)."""
        out = []
        for line in self.read("daemon.out").splitlines():
            m = LOG_LINE.match(line)
            if m:
                out.append([m.group(1), m.group(2)])
            elif out:
                out[-1][1] += "\n" + line
        return [tuple(x) for x in out]

    def messages(self):
        return [m for _level, m in self.log_lines()]

    def wait_log(self, pattern, timeout=10.0, count=1):
        rx = re.compile(pattern)

        def found():
            self.remember_children()
            if self.proc.poll() is not None and sum(1 for m in self.messages() if rx.search(m)) < count:
                raise AssertionError("supervisord exited (%s) before logging %r:\n%s"
                                     % (self.proc.returncode, pattern, self.read("daemon.out")))
            return sum(1 for m in self.messages() if rx.search(m)) >= count
        try:
            wait_until(found, timeout, what="log %r" % pattern)
        except AssertionError as e:
            raise AssertionError("%s\n--- main log ---\n%s" % (e, self.read("daemon.out")))

    def send_signal(self, sig):
        self.remember_children()
        os.kill(self.pid, sig)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Signals the daemon, waits for it, returns its exit status."""
        self.send_signal(sig)
        rc = self.proc.wait(timeout)
        self.out.close()
        return rc

    def leftovers(self):
        """Processes started under the daemon that are still alive."""
        time.sleep(0.1)
        return [pid for pid, st in self.known.items() if alive(pid) and proc_stat(pid)[19] == st]

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.remember_children()
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)
        for pid in self.leftovers():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if getattr(self, "out", None):
            self.out.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0

    def _report(self, ok, test, note=""):
        self.n += 1
        method = getattr(test, "_testMethodName", None)  # none for a class's setUpClass
        name = "%s.%s" % (test.__class__.__name__, method) if method else str(test)
        print("%s %d - %s%s" % ("ok" if ok else "not ok", self.n, name, note), flush=True)

    def _diag(self, err):
        text = "".join(traceback.format_exception(*err))
        for line in text.splitlines():
            print("# " + line, flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._report(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._report(False, test)
        self._diag(err)

    def addError(self, test, err):
        super().addError(test, err)
        self._report(False, test)
        self._diag(err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._report(True, test, " # SKIP " + reason)


def main():
    module = sys.modules["__main__"]
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    if len(sys.argv) > 1:  # run only the named tests
        suite = unittest.TestSuite(t for t in _flatten(suite) if any(a in t.id() for a in sys.argv[1:]))
    print("1..%d" % suite.countTestCases(), flush=True)
    result = TapResult()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)


def _flatten(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from _flatten(t)
        else:
            yield t
