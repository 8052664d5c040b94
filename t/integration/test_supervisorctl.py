"""Our supervisorctl against our supervisord, for what a compared
transcript cannot show: streaming (tail -f, maintail -f, fg), the shell on
a terminal (prompt, history file, Tab completion, Ctrl-C), the password
prompt after a 401, the [supervisorctl] section and the config search,
open, reload, and HTTPS."""

import os
import pty
import re
import select
import signal
import ssl
import subprocess
import termios
import threading
import time
import unittest
from xmlrpc.server import SimpleXMLRPCServer

from harness import SRCDIR, SUPERVISORCTL, SUPERVISORD_SECTION, Supervisord, conf, free_port, main, rpc, wait_until

CONFIG = SUPERVISORD_SECTION + """\
[unix_http_server]
file={dir}/supervisor.sock
[inet_http_server]
port=127.0.0.1:{port}
username=admin
password=s3cret
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://%(here)s/supervisor.sock
prompt=ctl
[program:cat]
command=/bin/cat
startsecs=0
[program:sleeper]
command=/bin/sleep 1000
startsecs=0
[program:loud]
command=/bin/sh -c "echo to-stderr >&2; exec /bin/cat"
startsecs=0
[program:slow]
command=/bin/sleep 1000
autostart=false
startsecs=30
"""


class Terminal:
    """A program on a pseudo-terminal, read like `expect` does."""

    def __init__(self, testcase, args, cwd=None):
        master, slave = pty.openpty()
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, start_new_session=True)
        os.close(slave)
        self.fd = master
        self.seen = ""
        testcase.addCleanup(self.close)

    def expect(self, pattern, timeout=10):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while not rx.search(self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("timed out waiting for %r; saw %r" % (pattern, self.seen))
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    raise AssertionError("terminal closed waiting for %r; saw %r" % (pattern, self.seen))
                self.seen += data.decode("utf-8", "replace")
        return rx.search(self.seen)

    def send(self, text, editing=True):
        """Types `text`; with `editing`, once the line editor has the
        terminal (libedit shows its prompt a moment before it turns echo
        off, and keys typed in that moment are read as a cooked line)."""
        if editing:
            wait_until(lambda: not termios.tcgetattr(self.fd)[3] & termios.ECHO, 10, what="the line editor")
        os.write(self.fd, text.encode())

    def wait(self, timeout=10):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                if select.select([self.fd], [], [], 0.5)[0]:
                    self.seen += os.read(self.fd, 65536).decode("utf-8", "replace")
            except OSError:
                pass
            raise AssertionError("still running after %ss; the terminal showed %r" % (timeout, self.seen))

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        os.close(self.fd)


class Streaming:
    """A supervisorctl whose output is collected while it runs."""

    def __init__(self, testcase, args, stdin=subprocess.DEVNULL):
        self.proc = subprocess.Popen([SUPERVISORCTL] + args, stdin=stdin, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.out = b""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        testcase.addCleanup(self.kill)

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            self.out += chunk

    def text(self):
        return self.out.decode("utf-8", "replace")

    def wait_for(self, needle, timeout=10):
        wait_until(lambda: needle in self.text(), timeout, what="%r in %r" % (needle, self.text()))

    def interrupt(self):
        self.proc.send_signal(signal.SIGINT)
        rc = self.proc.wait(10)
        self.reader.join(10)
        return rc

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc.stdout.close()


class SupervisorctlTest(unittest.TestCase):
    def setUp(self):
        self.port = free_port()
        self.d = Supervisord(self, conf(CONFIG.replace("{port}", str(self.port)))).start()
        self.d.wait_log("supervisord started")
        self.url = "unix://" + self.d.path("supervisor.sock")
        self.proxy = rpc(self.url)
        for name in ("cat", "sleeper", "loud"):
            wait_until(lambda: self.proxy.supervisor.getProcessInfo(name)["statename"] == "RUNNING", 15)

    def tearDown(self):
        if self.d.proc.poll() is None:
            self.d.stop()

    def ctl(self, *args, stdin=None, cwd=None, env=None):
        r = subprocess.run([SUPERVISORCTL, "-c", self.d.conf] + list(args), capture_output=True, text=True,
                           timeout=60, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                           cwd=cwd, env=env)
        return r.returncode, r.stdout + r.stderr

    # -- streams

    def test_tail_f_streams_new_output_until_ctrl_c(self):
        self.proxy.supervisor.sendProcessStdin("cat", "before\n")
        wait_until(lambda: "before" in self.proxy.supervisor.readProcessStdoutLog("cat", 0, 0))
        s = Streaming(self, ["-c", self.d.conf, "tail", "-f", "cat"])
        s.wait_for("before")
        self.proxy.supervisor.sendProcessStdin("cat", "after\n")
        s.wait_for("after")
        self.assertEqual(s.interrupt(), 0)
        self.assertEqual(s.text(), "==> Press Ctrl-C to exit <==\nbefore\nafter\n\n")

    def test_tail_f_of_stderr(self):
        s = Streaming(self, ["-c", self.d.conf, "tail", "-f", "loud", "stderr"])
        s.wait_for("to-stderr")
        self.assertEqual(s.interrupt(), 0)

    def test_tail_f_of_an_unknown_process_is_one_line_and_fails(self):
        self.assertEqual(self.ctl("tail", "-f", "nope"), (1, "nope: ERROR (no such process name)\n"))

    def test_maintail_f_shows_what_the_daemon_logs_next(self):
        s = Streaming(self, ["-c", self.d.conf, "maintail", "-f"])
        s.wait_for("supervisord started")
        self.proxy.supervisor.stopProcess("sleeper")
        s.wait_for("stopped: sleeper")
        self.assertEqual(s.interrupt(), 0)

    def test_maintail_prints_the_end_of_the_main_log(self):
        rc, out = self.ctl("maintail", "-200")
        self.assertEqual((rc, out), (0, self.d.read("supervisord.log")[-200:] + "\n"))

    def test_fg_shows_output_and_sends_typed_lines(self):
        s = Streaming(self, ["-c", self.d.conf, "fg", "cat"], stdin=subprocess.PIPE)
        s.wait_for("==> Press Ctrl-C to exit <==")
        s.proc.stdin.write(b"typed line\n")
        s.proc.stdin.flush()
        s.wait_for("typed line")
        s.proc.stdin.close()  # end of input leaves fg
        self.assertEqual(s.proc.wait(10), 0)
        s.reader.join(10)
        self.assertTrue(s.text().endswith("typed line\nExiting foreground\n"), s.text())
        self.assertEqual(self.proxy.supervisor.getProcessInfo("cat")["statename"], "RUNNING")

    def test_fg_ends_on_ctrl_c(self):
        s = Streaming(self, ["-c", self.d.conf, "fg", "loud"], stdin=subprocess.PIPE)
        s.wait_for("to-stderr")
        self.assertEqual(s.interrupt(), 0)
        self.assertTrue(s.text().endswith("Exiting foreground\n"), s.text())

    def test_fg_in_a_shell_fed_through_a_pipe_gets_the_lines_after_it(self):
        rc, out = self.ctl(stdin="fg cat\nthrough fg\n")
        self.assertEqual(rc, 0)
        self.assertNotIn("Unknown syntax", out)  # the shell did not read fg's line
        wait_until(lambda: "through fg" in self.proxy.supervisor.readProcessStdoutLog("cat", 0, 0))

    def test_ctrl_c_during_a_shell_command_leaves_the_shell_and_keeps_history(self):
        history = self.d.path("history")
        t = Terminal(self, [SUPERVISORCTL, "-c", self.d.conf, "-r", history])
        t.expect(r"ctl> ")
        t.send("start slow\r")  # waits for startsecs
        wait_until(lambda: self.proxy.supervisor.getProcessInfo("slow")["statename"] == "STARTING", 10)
        t.proc.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(), 0)
        with open(history) as f:
            self.assertEqual(f.read(), "start slow\n")

    def test_ctrl_c_at_the_password_prompt_gives_the_terminal_its_echo_back(self):
        t = Terminal(self, [SUPERVISORCTL, "-s", "http://127.0.0.1:%d" % self.port, "-u", "admin", "pid"])
        t.expect(r"Password:")
        wait_until(lambda: not termios.tcgetattr(t.fd)[3] & termios.ECHO, 10, what="echo off")
        t.proc.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(), 130)
        self.assertTrue(termios.tcgetattr(t.fd)[3] & termios.ECHO)

    def test_fg_says_when_the_process_died(self):
        self.proxy.supervisor.stopProcess("cat")
        self.assertEqual(self.ctl("fg", "cat"), (1, "ERROR: process not running\n"))

    # -- the shell on a terminal

    def test_shell_prompt_history_and_quit(self):
        history = self.d.path("history")
        t = Terminal(self, [SUPERVISORCTL, "-c", self.d.conf, "-r", history])
        t.expect(r"sleeper +RUNNING")
        t.expect(r"ctl> ")
        t.send("pid\r")
        t.expect(r"\r\n%d\r\nctl> " % self.d.pid)  # typing waits for the prompt
        t.send("quit\r")
        self.assertEqual(t.wait(), 0)
        with open(history) as f:
            self.assertEqual(f.read(), "pid\nquit\n")  # as GNU readline keeps it for Python's
        # The next shell starts with that history: Up, Up (past quit), Enter runs pid again.
        t = Terminal(self, [SUPERVISORCTL, "-c", self.d.conf, "-r", history])
        t.expect(r"ctl> ")
        t.send("\x1b[A\x1b[A\r")
        t.expect(r"\r\n%d\r\nctl> " % self.d.pid)  # typing waits for the prompt
        t.send("\x04")  # ^D
        self.assertEqual(t.wait(), 0)

    def test_tab_completes_commands_and_process_names(self):
        t = Terminal(self, [SUPERVISORCTL, "-c", self.d.conf])
        t.expect(r"ctl> ")
        t.seen = ""
        t.send("stat\t")
        t.send("sle\t")
        t.send("\r")  # runs "status sleeper "
        t.expect(r"sleeper +RUNNING +pid \d+.*\r\nctl> ")
        self.assertNotIn("cat ", t.seen)
        t.send("quit\r")
        self.assertEqual(t.wait(), 0)

    def test_ctrl_c_at_the_prompt_leaves_the_shell(self):
        t = Terminal(self, [SUPERVISORCTL, "-c", self.d.conf])
        t.expect(r"ctl> ")
        t.proc.send_signal(signal.SIGINT)
        self.assertEqual(t.wait(), 0)

    def test_a_401_asks_for_username_and_password_on_a_terminal(self):
        # Run where the config search finds nothing to take credentials from
        # (the tree's etc/supervisord.conf has some).
        os.makedirs(self.d.path("empty"))
        t = Terminal(self, [SUPERVISORCTL, "-s", "http://127.0.0.1:%d" % self.port, "status", "sleeper"],
                     cwd=self.d.path("empty"))
        t.expect(r"Server requires authentication\r\nUsername:")
        t.send("admin\r", editing=False)
        t.expect(r"Password:")
        t.send("s3cret\r")  # once echo is off
        t.expect(r"sleeper +RUNNING")
        self.assertEqual(t.wait(), 0)
        self.assertNotIn("s3cret", t.seen)  # typed without echo

    def test_a_401_without_a_terminal_fails_with_one_line(self):
        r = subprocess.run([SUPERVISORCTL, "-s", "http://127.0.0.1:%d" % self.port, "pid"], capture_output=True,
                           text=True, timeout=60, stdin=subprocess.DEVNULL)
        self.assertEqual((r.returncode, r.stdout), (1, "Server requires authentication\n"))

    def test_shell_through_a_pipe_confirms_shutdown(self):
        rc, out = self.ctl(stdin="shutdown\nn\nstatus sleeper\nshutdown\ny\n")
        self.assertEqual(rc, 0)
        self.assertIn("ctl> Really shut the remote supervisord process down y/N? ctl> sleeper", out)
        self.assertIn("Shut down", out)
        self.assertEqual(self.d.proc.wait(20), 0)

    # -- configuration and servers

    def test_the_config_search_finds_supervisord_conf_in_the_working_directory(self):
        r = subprocess.run([SUPERVISORCTL, "status", "sleeper"], capture_output=True, text=True, timeout=60,
                           cwd=self.d.dir, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"^sleeper +RUNNING +pid \d+")

    def test_username_and_password_from_the_config_file(self):
        extra = self.d.write("ctl.conf", "[supervisorctl]\nserverurl=http://127.0.0.1:%d\nusername=admin\n"
                                         "password=s3cret\n" % self.port)
        r = subprocess.run([SUPERVISORCTL, "-c", extra, "pid"], capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL)
        self.assertEqual((r.returncode, r.stdout), (0, "%d\n" % self.d.pid))

    def test_command_line_overrides_the_config_file(self):
        rc, out = self.ctl("-s", "unix:///nonexistent/sock", "status")
        self.assertEqual((rc, out), (4, "unix:///nonexistent/sock no such file\n"))

    def test_a_unix_socket_that_accepts_nobody_is_named(self):
        # A listener whose backlog is full: connect() fails at once.
        import socket as socketlib
        path = self.d.path("full.sock")
        server = socketlib.socket(socketlib.AF_UNIX)
        server.bind(path)
        server.listen(0)
        self.addCleanup(server.close)
        held = []
        for _ in range(4):
            c = socketlib.socket(socketlib.AF_UNIX)
            c.setblocking(False)
            self.addCleanup(c.close)
            try:
                c.connect(path)
            except BlockingIOError:
                break
            held.append(c)
        rc, out = self.ctl("-s", "unix://" + path, "status")
        self.assertEqual(out, "unix://%s: cannot connect (the server is not accepting connections)\n" % path)
        self.assertNotIn("localhost", out)
        self.assertEqual(rc, 1)  # as for any failure that is neither "refused" nor "no such file"

    def test_a_bad_value_in_the_config_file_names_file_and_option(self):
        bad = self.d.write("bad.conf", "[supervisorctl]\nserverurl=nonsense\n")
        r = subprocess.run([SUPERVISORCTL, "-c", bad, "status"], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 2)
        self.assertIn(bad, r.stderr)
        self.assertIn("serverurl", r.stderr)

    def test_open_switches_servers(self):
        rc, out = self.ctl("-s", "unix:///nonexistent/sock", stdin="open %s\npid\n" % self.url)
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"ctl> cat +RUNNING .*\nloud +RUNNING .*\nsleeper +RUNNING")
        self.assertIn("ctl> %d\n" % self.d.pid, out)

    def test_reload_restarts_the_daemon(self):
        self.assertEqual(self.ctl("reload"), (0, "Restarted supervisord\n"))
        self.d.wait_log("supervisord started", count=2, timeout=20)
        wait_until(lambda: self.ctl("status", "sleeper")[0] == 0, 15)

    def test_reload_with_a_broken_config_is_refused_as_reread_refuses_it(self):
        with open(self.d.conf, "a") as f:
            f.write("[program:broken]\ncommand=/bin/true\nstartsecs=soon\n")
        rc, reread = self.ctl("reread")
        self.assertEqual(rc, 1)
        self.assertRegex(reread, r"^ERROR: CANT_REREAD: .*startsecs.*\n$")
        rc, reload = self.ctl("reload")
        self.assertEqual(rc, 1)
        self.assertRegex(reload, r"^ERROR: CANT_REREAD: .*startsecs.*\n$")
        self.assertEqual(self.ctl("pid"), (0, "%d\n" % self.d.pid), "the daemon did not restart")
        self.assertEqual(self.proxy.supervisor.getProcessInfo("sleeper")["statename"], "RUNNING")

    def complete(self, *words):
        """What contrib/bash-completion offers after `words` (the last one being typed)."""
        script = os.path.join(SRCDIR, "contrib", "bash-completion", "supervisorctl")
        words = [SUPERVISORCTL, "-c", self.d.conf] + list(words)
        line = " ".join(words)
        r = subprocess.run(["bash", "-c", 'source /usr/share/bash-completion/bash_completion; source "$0"; '
                            'COMP_WORDS=("${@}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$LINE"; '
                            'COMP_POINT=${#COMP_LINE}; _supervisorctl; printf "%s\\n" "${COMPREPLY[@]}"',
                            script] + words, capture_output=True, text=True, timeout=60, env=dict(os.environ, LINE=line))
        return sorted(r.stdout.split())

    @unittest.skipUnless(os.path.exists("/usr/share/bash-completion/bash_completion"), "bash-completion not installed")
    def test_bash_completion_offers_commands_and_names_from_the_server(self):
        self.assertEqual(self.complete("st"), ["start", "status", "stop"])
        self.assertEqual(self.complete("stop", ""), ["all", "cat", "loud", "sleeper", "slow"])
        self.assertEqual(self.complete("update", ""), ["all", "cat", "loud", "sleeper", "slow"])
        # A server that is away offers nothing (not the words of its error).
        self.assertEqual(self.complete("-s", "unix:///nonexistent/sock", "stop", ""), ["all"])
        self.assertEqual(self.complete("signal", "HU"), ["HUP"])

    def test_help_for_every_listed_command(self):
        rc, table = self.ctl("help")
        names = " ".join(table.splitlines()[3:]).split()
        self.assertEqual(len(names), 21)  # help itself is not in the table
        for name in names:
            rc, out = self.ctl("help", name)
            self.assertEqual(rc, 0)
            self.assertIn(name, out)
            self.assertNotIn("No help", out)


class Https(unittest.TestCase):
    """HTTPS is ours only (supervisor's supervisorctl has none): a TLS
    XML-RPC server with its own certificate, trusted through CURL_CA_BUNDLE."""

    def test_version_over_https(self):
        d = Supervisord(self, SUPERVISORD_SECTION)  # only for its scratch directory
        cert, key = d.path("cert.pem"), d.path("key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                       check=True, capture_output=True, timeout=60)
        server = SimpleXMLRPCServer(("127.0.0.1", 0), logRequests=False)
        server.register_function(lambda: "3.0", "supervisor.getVersion")
        server.register_function(lambda: "4.2.5", "supervisor.getSupervisorVersion")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        url = "https://localhost:%d" % server.server_address[1]
        env = dict(os.environ, CURL_CA_BUNDLE=cert)
        r = subprocess.run([SUPERVISORCTL, "-s", url, "version"], capture_output=True, text=True, timeout=60,
                           env=env, stdin=subprocess.DEVNULL)
        self.assertEqual((r.returncode, r.stdout), (0, "4.2.5\n"))
        # Without trusting the certificate: one line naming the URL and why.
        env.pop("CURL_CA_BUNDLE")
        r = subprocess.run([SUPERVISORCTL, "-s", url, "version"], capture_output=True, text=True, timeout=60,
                           env=env, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r"^%s: .*certificate.*\n$" % re.escape(url))


if __name__ == "__main__":
    main()
