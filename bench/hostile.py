#!/usr/bin/env python3
"""hostile: what clients that are not friends cost a supervisord, for any
supervisord-compatible daemon, measured the same way for ours and Python's.

Python 3 standard library only. Talks only to 127.0.0.1; every daemon runs in
the foreground from a fresh scratch dir with [inet_http_server] (Basic auth)
and [unix_http_server], and is stopped at the end of its phase.

Phases (--phases, default all):
  bodies    100 connections that never authenticate each send the headers
            of an 8 MB POST, then the 8 MB: the daemon's peak RSS over its
            RSS before, how many got 401, how long it took
  slowloris 5000 connections that never finish their request (a header line
            every second, reconnecting when dropped) held for --hold seconds;
            meanwhile an authenticated getState every 0.25 s over TCP and over
            the unix socket, each on a new connection: their latency and
            failures
  readlog   readLog(0, 0) of a 25 MB main log through xmlrpc.client: the
            time, the answer's size, the daemon's peak RSS over its RSS before

Example:
  bench/hostile.py --daemon-cmd 'src/supervisord/supervisord -n -c {conf}' --label native --out native.json
  bench/hostile.py --report native.json python.json
"""

import argparse
import base64
import http.client
import json
import os
import resource
import selectors
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sidebench import children_of, free_port, is_zombie, status_kb  # noqa: E402

ALL_PHASES = ["bodies", "slowloris", "readlog"]
USER, PASSWORD = "bench", "s3cret"
AUTH = {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (USER, PASSWORD)).encode()).decode()}


class Daemon:
    def __init__(self, args, name, main_log_bytes=0):
        self.args = args
        self.dir = os.path.join(args.workdir, name)
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.sock = os.path.join(self.dir, "supervisor.sock")
        self.log = os.path.join(self.dir, "supervisord.log")
        if main_log_bytes:
            line = b"2026-01-01 00:00:00,000 INFO a line of an old main log, to be read back whole\n"
            with open(self.log, "wb") as f:
                f.write(line * (main_log_bytes // len(line) + 1))
        self.conf = os.path.join(self.dir, "supervisord.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join([
                "[supervisord]", "nodaemon=true", "logfile=%s" % self.log, "logfile_maxbytes=0",
                "pidfile=%s/supervisord.pid" % self.dir, "childlogdir=%s" % self.dir, "minfds=16384", "",
                "[inet_http_server]", "port=127.0.0.1:%d" % self.port, "username=%s" % USER,
                "password=%s" % PASSWORD, "",
                "[unix_http_server]", "file=%s" % self.sock, "username=%s" % USER, "password=%s" % PASSWORD, "",
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
                "[program:sleeper]", "command=/bin/sleep 100000", "startsecs=0", ""]))
        self.proc = None

    def start(self):
        argv = shlex.split(self.args.daemon_cmd.format(conf=self.conf))
        self.out = open(os.path.join(self.dir, "daemon.out"), "wb")
        self.proc = subprocess.Popen(argv, stdout=self.out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     cwd=self.dir, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("daemon exited; see %s/daemon.out" % self.dir)
            try:
                if self.call("supervisor.getState")["statename"] == "RUNNING":
                    return self
            except (OSError, http.client.HTTPException, xmlrpc.client.Error):
                pass
            time.sleep(0.02)
        raise RuntimeError("daemon never answered")

    def call(self, method, *params, unix=False, timeout=30):
        conn = UnixConnection(self.sock, timeout) if unix else http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("POST", "/RPC2", xmlrpc.client.dumps(params, method).encode(),
                         dict(AUTH, **{"Content-Type": "text/xml"}))
            r = conn.getresponse()
            body = r.read()
            if r.status != 200:
                raise xmlrpc.client.ProtocolError("", r.status, r.reason, {})
            return xmlrpc.client.loads(body)[0][0]
        finally:
            conn.close()

    def rss_kb(self):
        return status_kb(self.proc.pid, "VmRSS")

    def stop(self):
        kids = children_of(self.proc.pid)
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        time.sleep(0.2)
        for k in kids:
            if os.path.exists("/proc/%d" % k) and not is_zombie(k):
                os.kill(k, signal.SIGKILL)
        self.out.close()


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class PeakRss:
    """Samples the daemon's RSS every 5 ms while it runs."""

    def __init__(self, daemon):
        self.daemon, self.peak, self.running = daemon, daemon.rss_kb(), True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while self.running:
            try:
                self.peak = max(self.peak, self.daemon.rss_kb() or 0)
            except OSError:
                return
            time.sleep(0.005)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def phase_bodies(args):
    d = Daemon(args, "bodies").start()
    try:
        time.sleep(0.5)
        before = d.rss_kb()
        peak = PeakRss(d)
        size = 8 * 1024 * 1024
        chunk = b"x" * (1024 * 1024)
        statuses = []
        lock = threading.Lock()

        def one():
            s = socket.create_connection(("127.0.0.1", d.port), timeout=60)
            try:
                s.sendall(b"POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n"
                          % size)
                for _ in range(size // len(chunk)):
                    s.sendall(chunk)
                answer = s.recv(200)
                status = int(answer.split()[1]) if answer.startswith(b"HTTP/") else None
            except OSError as e:
                status = type(e).__name__
            finally:
                s.close()
            with lock:
                statuses.append(status)
        t0 = time.monotonic()
        threads = [threading.Thread(target=one) for _ in range(100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - t0
        top = peak.stop()
        time.sleep(0.5)
        return {"rss_before_kb": before, "rss_peak_kb": top, "rss_growth_kb": top - before,
                "rss_after_kb": d.rss_kb(), "answered_401": statuses.count(401), "clients": len(statuses),
                "other_outcomes": sorted({str(s) for s in statuses if s != 401}), "seconds": round(took, 2)}
    finally:
        d.stop()


class Slowloris:
    """`count` connections that never finish a request, kept up from one thread."""

    def __init__(self, port, count):
        self.port, self.count = port, count
        self.sel = selectors.DefaultSelector()
        self.socks = set()
        self.started = set()  # those that have sent their request line
        self.reconnects = 0
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)

    def connect(self):
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", self.port))
        except BlockingIOError:
            pass
        except OSError:
            s.close()
            return
        self.socks.add(s)
        self.sel.register(s, selectors.EVENT_READ)

    def drop(self, s):
        self.sel.unregister(s)
        self.socks.discard(s)
        self.started.discard(s)
        s.close()

    def run(self):
        next_drip = time.monotonic()
        while self.running:
            while len(self.socks) < self.count:
                self.connect()
                if len(self.socks) < self.count and len(self.socks) % 500 == 0:
                    break
            for key, _ in self.sel.select(timeout=0.05):
                s = key.fileobj
                try:
                    if not s.recv(4096):
                        raise OSError()
                except BlockingIOError:
                    continue
                except OSError:
                    self.drop(s)
                    self.reconnects += 1
            if time.monotonic() >= next_drip:
                next_drip += 1.0
                for s in list(self.socks):
                    try:
                        s.send(b"X-Drip: 1\r\n" if s in self.started else b"GET / HTTP/1.1\r\nHost: x\r\n")
                        self.started.add(s)
                    except BlockingIOError:
                        pass
                    except OSError:
                        self.drop(s)
                        self.reconnects += 1

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.running = False
        self.thread.join()
        for s in list(self.socks):
            self.drop(s)


def phase_slowloris(args):
    d = Daemon(args, "slowloris").start()
    try:
        loris = Slowloris(d.port, args.loris).start()
        deadline = time.monotonic() + 30
        while len(loris.socks) < args.loris and time.monotonic() < deadline:
            time.sleep(0.1)
        held_at_start = len(loris.socks)
        results = {"tcp": [], "unix": []}
        failures = {"tcp": [], "unix": []}
        end = time.monotonic() + args.hold
        while time.monotonic() < end:
            for via in ("tcp", "unix"):
                t0 = time.monotonic()
                try:
                    d.call("supervisor.getState", unix=(via == "unix"), timeout=10)
                    results[via].append(time.monotonic() - t0)
                except (OSError, http.client.HTTPException, xmlrpc.client.Error) as e:
                    failures[via].append("%s: %s" % (type(e).__name__, e)[:80])
            time.sleep(0.25)
        fds = len(os.listdir("/proc/%d/fd" % d.proc.pid))
        loris.stop()
        out = {"slowloris": args.loris, "held_at_start": held_at_start, "reconnects": loris.reconnects,
               "daemon_fds": fds, "hold_s": args.hold}
        for via in ("tcp", "unix"):
            lat = sorted(results[via])
            out[via] = {"answered": len(lat), "failed": len(failures[via]),
                        "median_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
                        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
                        "failures": sorted(set(failures[via]))[:3]}
        return out
    finally:
        d.stop()


def phase_readlog(args):
    size = 25 * 1000 * 1000
    d = Daemon(args, "readlog", main_log_bytes=size).start()
    try:
        time.sleep(0.5)
        before = d.rss_kb()
        peak = PeakRss(d)
        t0 = time.monotonic()
        try:
            text = d.call("supervisor.readLog", 0, 0, timeout=120)
            outcome = len(text.encode())
        except (OSError, http.client.HTTPException, xmlrpc.client.Error) as e:
            outcome = "%s: %s" % (type(e).__name__, str(e)[:80])
        took = time.monotonic() - t0
        top = peak.stop()
        return {"log_bytes": os.path.getsize(d.log), "answer_bytes": outcome, "seconds": round(took, 2),
                "rss_before_kb": before, "rss_peak_kb": top, "rss_growth_kb": top - before}
    finally:
        d.stop()


def report(paths):
    runs = [json.load(open(p)) for p in paths]
    print("| | " + " | ".join(r["label"] for r in runs) + " |")
    print("|---|" + "---|" * len(runs))

    def row(name, get):
        cells = []
        for r in runs:
            try:
                cells.append(get(r))
            except (KeyError, TypeError):
                cells.append("-")
        print("| %s | %s |" % (name, " | ".join(str(c) for c in cells)))
    row("100 unauthenticated 8 MB bodies: RSS growth", lambda r: "%d KiB" % r["bodies"]["rss_growth_kb"])
    row("... answered 401", lambda r: "%d of %d" % (r["bodies"]["answered_401"], r["bodies"]["clients"]))
    row("... seconds", lambda r: r["bodies"]["seconds"])
    row("%s slowloris held: getState over TCP, median / max" % runs[0].get("slowloris", {}).get("slowloris", ""),
        lambda r: "%s / %s ms" % (r["slowloris"]["tcp"]["median_ms"], r["slowloris"]["tcp"]["max_ms"]))
    row("... TCP getState failed", lambda r: "%d of %d" % (r["slowloris"]["tcp"]["failed"],
                                                        r["slowloris"]["tcp"]["failed"] + r["slowloris"]["tcp"]["answered"]))
    row("... over the unix socket, median / max",
        lambda r: "%s / %s ms" % (r["slowloris"]["unix"]["median_ms"], r["slowloris"]["unix"]["max_ms"]))
    row("... unix getState failed", lambda r: "%d of %d" % (r["slowloris"]["unix"]["failed"],
                                                         r["slowloris"]["unix"]["failed"] + r["slowloris"]["unix"]["answered"]))
    row("... slowloris connections the daemon holds (its fds)", lambda r: r["slowloris"]["daemon_fds"])
    row("25 MB readLog: seconds", lambda r: r["readlog"]["seconds"])
    row("... answer bytes", lambda r: r["readlog"]["answer_bytes"])
    row("... RSS growth", lambda r: "%d KiB" % r["readlog"]["rss_growth_kb"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--daemon-cmd")
    ap.add_argument("--label", default="daemon")
    ap.add_argument("--phases", default=",".join(ALL_PHASES))
    ap.add_argument("--loris", type=int, default=5000)
    ap.add_argument("--hold", type=float, default=15)
    ap.add_argument("--out")
    ap.add_argument("--report", nargs="+")
    args = ap.parse_args()
    if args.report:
        return report(args.report)
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    args.workdir = tempfile.mkdtemp(prefix="hostile-")
    result = {"label": args.label, "daemon_cmd": args.daemon_cmd}
    try:
        for phase in args.phases.split(","):
            try:
                result[phase] = globals()["phase_" + phase](args)
            except Exception as e:  # a phase that fails is reported, the others still run
                result[phase] = {"error": "%s: %s" % (type(e).__name__, e)}
            print(phase, json.dumps(result[phase]), flush=True)
    finally:
        shutil.rmtree(args.workdir, ignore_errors=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
