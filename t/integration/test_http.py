"""The HTTP server: keep-alive and pipelining, chunked bodies, limits and
hostile clients, Basic auth, unix and TCP listeners, /logtail streams."""

import base64
import hashlib
import os
import re
import resource
import signal
import socket
import stat
import time
import unittest
import xmlrpc.client

from harness import SUPERVISORD_SECTION, Supervisord, conf, free_port, main, raw_http, rpc, wait_until

BASE = SUPERVISORD_SECTION + """\
minfds=8192
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[program:talker]
command=/bin/sh -c "echo started; echo oops >&2; while read line; do echo \\"got $line\\"; done"
stdout_logfile={dir}/talker.out
stderr_logfile={dir}/talker.err
startsecs=0
"""


def call_body(method, *params):
    return xmlrpc.client.dumps(params, method).encode()


def post(body, path=b"/RPC2", extra=b""):
    return (b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n" % len(body)
            + extra + b"\r\n" + body)


def status_of(response):
    m = re.match(rb"HTTP/1\.1 (\d{3}) ", response)
    return int(m.group(1)) if m else None


class HttpTest(unittest.TestCase):
    def start(self, extra=""):
        self.port = free_port()
        d = Supervisord(self, conf(BASE, """
            [inet_http_server]
            port=127.0.0.1:%d
            [unix_http_server]
            file={dir}/supervisor.sock
            """ % self.port, extra)).start()
        d.wait_log("success: talker")
        wait_until(lambda: "started" in d.read("talker.out"), what="the first output")
        self.d = d
        self.proxy = rpc("http://127.0.0.1:%d" % self.port)
        return d


class Protocol(HttpTest):
    def test_keep_alive_serves_many_requests_on_one_connection(self):
        self.start()
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        f = s.makefile("rb")
        for _ in range(5):
            s.sendall(post(call_body("supervisor.getState")))
            status = f.readline()
            self.assertEqual(status, b"HTTP/1.1 200 OK\r\n")
            length = None
            while True:
                line = f.readline()
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line == b"\r\n":
                    break
            self.assertIn(b"RUNNING", f.read(length))
        s.close()

    def test_pipelined_requests_are_answered_in_order(self):
        self.start()
        data = post(call_body("supervisor.getPID")) + post(call_body("supervisor.getState")) + post(
            call_body("supervisor.getIdentification"))
        out = raw_http(self.port, data, timeout=1)
        self.assertEqual(out.count(b"HTTP/1.1 200 OK"), 3)
        pid_at, state_at, ident_at = out.find(b"<int>%d</int>" % self.d.pid), out.find(b"RUNNING"), out.find(b">supervisor<")
        self.assertTrue(0 < pid_at < state_at < ident_at, out)

    def test_chunked_request_body(self):
        self.start()
        body = call_body("supervisor.getState")
        chunked = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (10, body[:10], len(body) - 10, body[10:])
        out = raw_http(self.port, b"POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                  b"Connection: close\r\n\r\n" + chunked)
        self.assertEqual(status_of(out), 200)
        self.assertIn(b"RUNNING", out)

    def test_status_codes(self):
        self.start()
        close = b"Connection: close\r\n"
        cases = [
            (b"GET /RPC2 HTTP/1.1\r\nHost: x\r\n" + close + b"\r\n", 405),
            (b"POST /RPC2 HTTP/1.1\r\nHost: x\r\n" + close + b"\r\n", 411),
            (post(b"<not xml", extra=close), 400),
            (post(b"<methodCall><params/></methodCall>", extra=close), 400),
            (b"GET /nope HTTP/1.1\r\n" + close + b"\r\n", 404),
            (b"GET /logtail/nobody HTTP/1.1\r\n" + close + b"\r\n", 404),
            (b"GET /logtail/talker/bogus HTTP/1.1\r\n" + close + b"\r\n", 404),
            (b"POST /logtail/talker HTTP/1.1\r\nContent-Length: 0\r\n" + close + b"\r\n", 405),
            (b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n\r\n", 414),
            (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n", 431),
            (b"POST /RPC2 HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", 413),
            (b"GET / HTTP/2.0\r\n\r\n", 505),
            (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n", 400),
        ]
        for request, expected in cases:
            self.assertEqual(status_of(raw_http(self.port, request)), expected, request[:60])
        self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING", "still serving")

    def test_hostile_xml_is_refused_with_a_fault(self):
        self.start()
        laughs = (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 "
                  b"'&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><methodCall><methodName>&lol2;</methodName>"
                  b"</methodCall>")
        xxe = (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><methodCall>"
               b"<methodName>supervisor.getState</methodName><params><param><value>&xxe;</value></param></params>"
               b"</methodCall>")
        deep = (b"<methodCall><methodName>system.multicall</methodName><params><param>" +
                b"<value><array><data>" * 200 + b"<value>x</value>" + b"</data></array></value>" * 200 +
                b"</param></params></methodCall>")
        for body in (laughs, xxe, deep):
            out = raw_http(self.port, post(body, extra=b"Connection: close\r\n"))
            self.assertEqual(status_of(out), 200)
            self.assertIn(b"<name>faultCode</name>\n<value><int>2</int></value>", out)
            self.assertIn(b"request refused", out)
            self.assertNotIn(b"root:", out)

    def test_bad_requests_are_logged_escaped_rate_limited_and_never_on_stderr(self):
        d = self.start()
        for enc in (b"EUC-JP", b"UTF-16", b"Shift_JIS", b"bogus", b"UTF-8"):
            body = (b"<?xml version='1.0' encoding='" + enc + b"'?><methodCall><methodName>\xff\xfe\x80"
                    b"</methodName></methodCall>")
            self.assertEqual(status_of(raw_http(self.port, post(body, extra=b"Connection: close\r\n"), timeout=2)),
                             400, enc)
        wait_until(lambda: d.read("supervisord.log").count("is invalid") >= 5, what="the five logged")
        out = d.read("daemon.out")
        self.assertNotIn("encoding error", out)
        self.assertNotIn("I/O error", out)
        with open(d.path("supervisord.log"), "rb") as f:
            log = f.read()
        self.assertNotIn(b"\xff\xfe", log)  # raw bytes never reach the log
        self.assertIn(b"\\xff\\xfe\\x80", log)  # quoted as bytes
        self.assertIn(b"input conversion failed", log)  # libxml2's reason, in our line
        # a flood of them is logged ten a second, with a count of the rest
        flood = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        for _ in range(10):
            flood.sendall(post(b"<junk") * 20)  # pipelined, on one connection
            got = b""
            while got.count(b"400 Bad Request") < 20:
                got += flood.recv(65536)
        flood.close()
        time.sleep(1.1)
        raw_http(self.port, post(b"<junk", extra=b"Connection: close\r\n"), timeout=2)
        lines = [l for l in d.read("supervisord.log").splitlines() if "is invalid" in l]
        self.assertLess(len(lines), 40)
        self.assertTrue(any("more refused requests not logged)" in l for l in lines), lines[-3:])
        self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING")

    def test_junk_and_half_requests_leave_the_daemon_serving(self):
        self.start()
        for junk in (os.urandom(5000), b"\r\n" * 100, b"POST /RPC2 HTTP/1.1\r\nContent-Length: 10\r\n\r\nab"):
            raw_http(self.port, junk, timeout=0.5)
        self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING")

    def test_slow_client_is_dropped_and_others_are_served(self):
        self.start()
        slow = socket.create_connection(("127.0.0.1", self.port), timeout=40)
        t0 = time.monotonic()
        slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        # Trickling a header every second does not extend its time.
        data = b""
        for i in range(20):
            for _ in range(3):
                self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING")
            try:
                slow.sendall(b"X-Trickle-%d: x\r\n" % i)
            except OSError:
                break
            slow.settimeout(1)
            try:
                data = slow.recv(1000)
                if data:
                    break
            except socket.timeout:
                pass
        elapsed = time.monotonic() - t0
        self.assertIn(b"408", data)
        self.assertGreater(elapsed, 8)
        self.assertLess(elapsed, 15)
        slow.close()

    def need_open_files(self, n):
        """This test process may hold `n` descriptors (or the test is skipped)."""
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY and hard < n:
            self.skipTest("open files limit too low")
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, n), hard))

    def test_a_listener_full_of_authenticated_clients_answers_503(self):
        self.need_open_files(3000)
        self.start()
        held = []
        try:
            # Each one sends a request (this listener asks no credentials) and stays.
            for _ in range(1024):
                c = socket.create_connection(("127.0.0.1", self.port), timeout=10)
                c.sendall(b"GET /ok.html HTTP/1.1\r\nHost: x\r\n\r\n")
                held.append(c)
            for c in held:
                self.assertEqual(status_of(c.recv(1000)), 200)
            extra = socket.create_connection(("127.0.0.1", self.port), timeout=10)
            self.assertEqual(status_of(extra.recv(1000)), 503)
            extra.close()
            # the unix socket has a budget of its own
            self.assertEqual(rpc("unix://" + self.d.path("supervisor.sock")).supervisor.getState()["statename"],
                             "RUNNING")
        finally:
            for c in held:
                c.close()
        wait_until(lambda: self._state_ok(), timeout=10, what="serving again")

    def test_idle_unauthenticated_connections_never_lock_anyone_out(self):
        self.need_open_files(6000)
        self.start()
        good = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % self.port)
        unix = rpc("unix://" + self.d.path("supervisor.sock"))
        held = []
        try:
            for i in range(5000):
                held.append(socket.create_connection(("127.0.0.1", self.port), timeout=10))
                if i % 1000 == 999:
                    for proxy in (good, unix):
                        t0 = time.monotonic()
                        self.assertEqual(proxy.supervisor.getState()["statename"], "RUNNING")
                        self.assertLess(time.monotonic() - t0, 2)
            # the daemon holds one peer's share of unauthenticated connections, not the flood
            fds = len(os.listdir("/proc/%d/fd" % self.d.pid))
            self.assertLess(fds, 200)
        finally:
            for c in held:
                c.close()

    def test_unauthenticated_bodies_are_refused_at_the_headers(self):
        port = self.port = free_port()
        self.d = Supervisord(self, conf(BASE, """
            [inet_http_server]
            port=127.0.0.1:%d
            username=admin
            password=secret
            """ % port)).start()
        self.d.wait_log("success: talker")

        def rss():
            with open("/proc/%d/status" % self.d.pid) as f:
                return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
        before = rss()
        body = b"x" * (8 * 1024 * 1024)
        conns = []
        for _ in range(100):
            c = socket.create_connection(("127.0.0.1", port), timeout=20)
            c.sendall(b"POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body))
            conns.append(c)
        peak = before
        for c in conns:
            try:
                c.sendall(body)  # the daemon reads and drops it
            except OSError:
                pass
            peak = max(peak, rss())
        for c in conns:
            c.settimeout(20)
            self.assertEqual(status_of(c.recv(1000)), 401)
            c.close()
        self.assertLess(peak - before, 20 * 1024, "RSS grew from %d to %d KiB" % (before, peak))
        # A client that sends its body before it reads (xmlrpc.client) sees the 401, not a reset.
        with self.assertRaises(xmlrpc.client.ProtocolError) as e:
            xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % port).supervisor.getState("x" * 4000000)
        self.assertEqual(e.exception.errcode, 401)

    def test_running_out_of_descriptors_holds_nobody_off(self):
        # A daemon allowed 64 descriptors, flooded with idle connections.
        self.port = free_port()
        d = Supervisord(self, conf(BASE.replace("minfds=8192", "minfds=16"), """
            [inet_http_server]
            port=127.0.0.1:%d
            """ % self.port)).start()
        d.wait_log("success: talker")
        resource.prlimit(d.pid, resource.RLIMIT_NOFILE, (64, 64))
        held = []
        try:
            for _ in range(200):
                held.append(socket.create_connection(("127.0.0.1", self.port), timeout=10))
            t0 = time.monotonic()
            self.assertEqual(rpc("http://127.0.0.1:%d" % self.port).supervisor.getState()["statename"], "RUNNING")
            self.assertLess(time.monotonic() - t0, 2)
        finally:
            for c in held:
                c.close()
        # Every descriptor taken by clients that did authenticate (nobody to
        # drop): a newcomer gets 503 at once, and the daemon does not spin.
        held = []
        try:
            for _ in range(80):
                c = socket.create_connection(("127.0.0.1", self.port), timeout=10)
                c.sendall(b"GET /ok.html HTTP/1.1\r\nHost: x\r\n\r\n")
                answer = c.recv(1000)
                held.append(c)
                if status_of(answer) == 503:
                    break
            self.assertEqual(status_of(answer), 503)
            cpu = lambda: sum(int(x) for x in open("/proc/%d/stat" % d.pid).read().rsplit(")", 1)[1].split()[11:13])
            before = cpu()
            time.sleep(1)
            self.assertLess(cpu() - before, 20, "the daemon spun (clock ticks in 1 s)")
        finally:
            for c in held:
                c.close()
        wait_until(lambda: self._state_ok(), timeout=10, what="serving again")

    def _state_ok(self):
        try:
            return rpc("http://127.0.0.1:%d" % self.port).supervisor.getState()["statename"] == "RUNNING"
        except OSError:
            return False


class BigAnswers(HttpTest):
    """Answers far larger than the output limit of a stream: sent whole, with
    the daemon's memory flat (log text is read from the file as it goes)."""

    SIZE = 26 * 1000 * 1000

    def start_big(self):
        d = self.start("""
            [program:big]
            command=/bin/sh -c "yes 0123456789abcdef | head -c %d; exec sleep 1000"
            stdout_logfile={dir}/big.log
            stdout_logfile_maxbytes=0
            startsecs=0
            """ % self.SIZE)
        wait_until(lambda: os.path.getsize(d.path("big.log")) >= self.SIZE, timeout=30, what="26 MB written")
        return d

    def rss(self):
        with open("/proc/%d/status" % self.d.pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def test_a_26_mb_log_read_is_answered_whole_in_flat_memory(self):
        d = self.start_big()
        with open(d.path("big.log"), "rb") as f:
            expected = f.read().decode()
        before, peak = self.rss(), 0
        sampling = [True]

        def sample():
            nonlocal peak
            while sampling[0]:
                peak = max(peak, self.rss())
                time.sleep(0.002)
        import threading
        t = threading.Thread(target=sample)
        t.start()
        try:
            got = self.proxy.supervisor.readProcessStdoutLog("big", 0, 0)
            part = self.proxy.supervisor.readProcessStdoutLog("big", 1000, 9000000)
            tail = self.proxy.supervisor.tailProcessStdoutLog("big", 0, 20000000)
        finally:
            sampling[0] = False
            t.join()
        self.assertEqual(len(got), self.SIZE)
        self.assertEqual(got, expected)
        self.assertEqual(part, expected[1000:9001000])
        self.assertEqual(tail, [expected[-20000000:], self.SIZE, True])
        self.assertLess(peak - before, 8 * 1024, "RSS %d -> %d KiB" % (before, peak))

    def test_supervisorctl_tail_of_ten_million_bytes(self):
        import subprocess
        d = self.start_big()
        r = subprocess.run([os.environ["SUPERVISORCTL"], "-s", "unix://" + d.path("supervisor.sock"),
                            "tail", "-10000000", "big"], capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(d.path("big.log"), "rb") as f:
            self.assertEqual(r.stdout, f.read()[-10000000:] + b"\n")  # supervisorctl ends it with a newline

    def test_a_multicall_too_big_to_hold_is_refused_with_why(self):
        self.start_big()
        # 60 kB answers, held in memory (shorter than a deferred stretch), 2000 times
        calls = [{"methodName": "supervisor.readProcessStdoutLog", "params": ["big", 0, 60000]}] * 2000
        with self.assertRaises(xmlrpc.client.Fault) as e:
            self.proxy.system.multicall(calls)
        self.assertIn("split the calls", e.exception.faultString)
        self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING")


class Listeners(HttpTest):
    def test_unix_socket_serves_rpc_with_its_mode(self):
        d = self.start()
        sock = d.path("supervisor.sock")
        self.assertEqual(stat.S_IMODE(os.stat(sock).st_mode), 0o700)
        unix = rpc("unix://" + sock)
        self.assertEqual(unix.supervisor.getPID(), d.pid)
        self.assertEqual(unix.supervisor.getState()["statename"], "RUNNING")
        self.assertEqual(d.stop(), 0)
        self.assertFalse(os.path.exists(sock), "removed at exit")

    def test_stale_socket_file_is_replaced(self):
        self.port = free_port()
        d = Supervisord(self, conf(BASE, """
            [unix_http_server]
            file={dir}/supervisor.sock
            chmod=0770
            """))
        stale = socket.socket(socket.AF_UNIX)
        stale.bind(d.path("supervisor.sock"))
        stale.close()
        d.start()
        d.wait_log("success: talker")
        self.assertEqual(stat.S_IMODE(os.stat(d.path("supervisor.sock")).st_mode), 0o770)
        self.assertEqual(rpc("unix://" + d.path("supervisor.sock")).supervisor.getPID(), d.pid)

    def test_a_second_daemon_on_the_same_addresses_is_refused(self):
        first = self.start()
        second = Supervisord(self, conf(BASE.replace("{dir}/supervisord.pid", "{dir}/other.pid"), """
            [inet_http_server]
            port=127.0.0.1:%d
            """ % self.port))
        rc, _, err = second.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("Another program is already listening on a port that one of our HTTP servers is configured "
                      "to use.  Shut this program down first before starting supervisord. (127.0.0.1:%d of "
                      "[inet_http_server] is in use)\n" % self.port, err)
        self.assertFalse(os.path.exists(second.path("other.pid")), "a failed start leaves no pidfile")
        third = Supervisord(self, conf(BASE.replace("{dir}/supervisord.pid", "{dir}/other.pid"), """
            [unix_http_server]
            file=%s
            """ % first.path("supervisor.sock")))
        rc, _, err = third.run_to_exit()
        self.assertEqual(rc, 2)
        self.assertIn("Another program is already listening", err)
        self.assertIn("(%s of [unix_http_server] is in use)" % first.path("supervisor.sock"), err)
        self.assertFalse(os.path.exists(third.path("other.pid")))
        self.assertEqual(self.proxy.supervisor.getState()["statename"], "RUNNING")

    def test_a_reload_refuses_nobody_and_the_socket_file_stays(self):
        port = free_port()
        d = Supervisord(self, conf(BASE, """
            [inet_http_server]
            port=127.0.0.1:%d
            [unix_http_server]
            file={dir}/supervisor.sock
            [program:slowstop]
            command=/bin/sh -c "trap '' TERM; while :; do sleep 1; done"
            startsecs=0
            stopwaitsecs=2
            [program:many]
            command=/bin/sleep 1000
            process_name=%%(program_name)s%%(process_num)d
            numprocs=100
            startsecs=0
            """ % port)).start()
        d.wait_log("success: slowstop")
        sock = d.path("supervisor.sock")
        inode = os.stat(sock).st_ino
        d.send_signal(signal.SIGHUP)
        failures, tries = [], 0
        deadline = time.monotonic() + 4  # the reload takes 2 s (slowstop is killed)
        while time.monotonic() < deadline:
            for family, address in ((socket.AF_INET, ("127.0.0.1", port)), (socket.AF_UNIX, sock)):
                s = socket.socket(family)
                s.settimeout(5)
                try:
                    s.connect(address)
                except (ConnectionRefusedError, FileNotFoundError) as e:  # no listener, no socket file
                    failures.append("%s: %s" % (address, e))
                except BlockingIOError:
                    pass  # a full backlog: busy, not refused
                finally:
                    s.close()
                tries += 1
            time.sleep(0.0005)
        self.assertEqual(failures[:5], [])
        self.assertGreater(tries, 1000)
        d.wait_log("supervisord started", count=2, timeout=20)
        self.assertEqual(os.stat(sock).st_ino, inode)  # the same socket file all along
        # a client that connected during the reload is answered by the new server
        self.assertEqual(rpc("unix://" + sock).supervisor.getState()["statename"], "RUNNING")
        self.assertEqual(rpc("http://127.0.0.1:%d" % port).supervisor.getState()["statename"], "RUNNING")

    def test_ipv6_loopback(self):
        if not socket.has_ipv6:
            self.skipTest("no IPv6")
        try:
            with socket.socket(socket.AF_INET6) as s:
                s.bind(("::1", 0))
                port = s.getsockname()[1]
        except OSError:
            self.skipTest("no ::1 here")
        d = Supervisord(self, conf(BASE, """
            [inet_http_server]
            port=[::1]:%d
            """ % port)).start()
        d.wait_log("success: talker")
        self.assertEqual(xmlrpc.client.ServerProxy("http://[::1]:%d/RPC2" % port).supervisor.getPID(), d.pid)


class Auth(HttpTest):
    def auth_start(self, password):
        return self.start().__class__ and None

    def test_plain_and_sha_passwords(self):
        for stored, given in (("secret", "secret"), ("{SHA}" + hashlib.sha1(b"pw2").hexdigest(), "pw2")):
            self.port = free_port()
            d = Supervisord(self, conf(BASE, """
                [inet_http_server]
                port=127.0.0.1:%d
                username=admin
                password=%s
                """ % (self.port, stored))).start()
            d.wait_log("success: talker")
            good = xmlrpc.client.ServerProxy("http://admin:%s@127.0.0.1:%d/RPC2" % (given, self.port))
            self.assertEqual(good.supervisor.getPID(), d.pid)
            for url in ("http://127.0.0.1:%d/RPC2" % self.port, "http://admin:wrong@127.0.0.1:%d/RPC2" % self.port,
                        "http://other:%s@127.0.0.1:%d/RPC2" % (given, self.port)):
                with self.assertRaises(xmlrpc.client.ProtocolError) as e:
                    xmlrpc.client.ServerProxy(url).supervisor.getPID()
                self.assertEqual(e.exception.errcode, 401)
            for path in (b"/", b"/logtail/talker", b"/mainlogtail", b"/tail.html?processname=talker"):
                out = raw_http(self.port, b"GET " + path + b" HTTP/1.1\r\n\r\n")
                self.assertEqual(status_of(out), 401, path)
                self.assertIn(b'WWW-Authenticate: Basic realm="default"', out)
            bad = raw_http(self.port, b"GET / HTTP/1.1\r\nAuthorization: Basic !!!notbase64\r\n\r\n")
            self.assertEqual(status_of(bad), 401)
            token = base64.b64encode(("admin:%s" % given).encode())
            ok = raw_http(self.port, b"GET / HTTP/1.1\r\nConnection: close\r\nAuthorization: Basic " + token + b"\r\n\r\n")
            self.assertEqual(status_of(ok), 200)
            d.stop()

    def test_no_auth_is_logged_as_critical(self):
        d = self.start()
        self.assertIn(("CRIT", "Server 'inet_http_server' running without any HTTP authentication checking"),
                      d.log_lines())


class LogTail(HttpTest):
    def read_stream(self, path, want, send_after=None, send_when=b"\r\n\r\n", version=b"HTTP/1.1"):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=1)
        s.sendall(b"GET " + path + b" " + version + b"\r\nHost: x\r\n\r\n")
        out = b""
        sent = False
        deadline = time.monotonic() + 10
        while want not in out and time.monotonic() < deadline:
            try:
                out += s.recv(65536)
            except socket.timeout:
                pass
            if send_after and not sent and send_when in out:
                send_after()
                sent = True
        s.close()
        return out

    def test_logtail_streams_new_output(self):
        self.start()
        out = self.read_stream(b"/logtail/talker", b"got hello",
                               send_after=lambda: self.proxy.supervisor.sendProcessStdin("talker", "hello\n"))
        head, _, body = out.partition(b"\r\n\r\n")
        self.assertIn(b"HTTP/1.1 200 OK", head)
        self.assertIn(b"Transfer-Encoding: chunked", head)
        self.assertIn(b"Content-Type: text/plain;charset=utf-8", head)
        self.assertIn(b"X-Accel-Buffering: no", head)
        self.assertIn(b"started", body)
        self.assertIn(b"got hello", body)

    def test_an_http_1_0_client_gets_the_stream_unframed(self):
        # HTTP/1.0 has no chunked coding: the body is the log's bytes, ended by closing.
        self.start()
        out = self.read_stream(b"/logtail/talker", b"got hello", version=b"HTTP/1.0",
                               send_after=lambda: self.proxy.supervisor.sendProcessStdin("talker", "hello\n"))
        head, _, body = out.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200 OK\r\n"), head)
        self.assertIn(b"Connection: close", head)
        self.assertNotIn(b"Transfer-Encoding", head)
        self.assertNotIn(b"Content-Length", head)
        self.assertTrue(body.startswith(b"started\n"), body)
        self.assertIn(b"started\ngot hello\n", body)

    def test_stderr_channel_and_main_log(self):
        self.start()
        self.assertIn(b"oops", self.read_stream(b"/logtail/talker/stderr", b"oops"))
        out = self.read_stream(b"/mainlogtail", b"indicating log reopen request",
                               send_after=lambda: self.d.send_signal(signal.SIGUSR2))
        self.assertIn(b"supervisord started", out)
        self.assertIn(b"received SIGUSR2 indicating log reopen request", out)

    def test_cleared_log_is_followed(self):
        self.start()
        out = self.read_stream(b"/logtail/talker", b"got again",
                               send_after=lambda: (self.proxy.supervisor.clearProcessLogs("talker"),
                                                   self.proxy.supervisor.sendProcessStdin("talker", "again\n")))
        self.assertIn(b"got again", out)

    def test_truncation_is_announced(self):
        self.start()

        def truncate_then_write():
            # External truncation (logrotate's copytruncate), then less output than before.
            open(self.d.path("talker.out"), "w").close()
            self.proxy.supervisor.sendProcessStdin("talker", "x\n")
        out = self.read_stream(b"/logtail/talker", b"got x", send_after=truncate_then_write, send_when=b"started")
        self.assertIn(b"==> File truncated <==", out)
        self.assertIn(b"got x", out)


if __name__ == "__main__":
    main()
