#!/usr/bin/env python3
"""sidebench: the figures bench/supbench.py (the shared harness) does not take, for any
supervisord-compatible daemon, so that ours and Python supervisord are
measured the same way in the same run.

Python 3 standard library (and Debian's wrk for the wrk phase). Talks only to
127.0.0.1; every daemon runs in the foreground from a fresh scratch dir and
is stopped (and checked for leftover children) at the end of its phase.

Phases (--phases, default all):
  exit      a RUNNING child is SIGKILLed; time until the daemon's main log
            has its "exited:" line (the log is read, never the daemon asked,
            so nothing wakes it early), with 100 other programs running
  exit_held the same, but a grandchild keeps the victim's output pipes open,
            so the exit is not also signalled by end-of-file on them
  conns     RSS of the daemon with 100 programs, then with --conns idle
            keep-alive connections that each made one getState call
  wrk       wrk with an XML-RPC POST body (bench/xmlrpc_post.lua):
            getState with 8 connections / 8 threads, getAllProcessInfo
            (100 processes) on 1 keep-alive connection
  sigterm   SIGTERM to exit, with 100 RUNNING programs (median of 3)

Example:
  bench/sidebench.py --daemon-cmd 'build/src/supervisord/supervisord -n -c {conf}' \\
      --label native --out native-side.json
  bench/sidebench.py --report native-side.json python-side.json
"""

import argparse
import http.client
import json
import os
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_PHASES = ["exit", "exit_held", "conns", "wrk", "sigterm"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def pss_kb(pid):
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return None


def memory(pid):
    return {"rss_kb": status_kb(pid, "VmRSS"), "rss_anon_kb": status_kb(pid, "RssAnon"),
            "rss_file_kb": status_kb(pid, "RssFile"), "pss_kb": pss_kb(pid)}


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


class Daemon:
    def __init__(self, args, name, programs):
        self.args = args
        self.dir = os.path.join(args.workdir, name)
        os.makedirs(os.path.join(self.dir, "logs"), exist_ok=True)
        self.port = free_port()
        self.conf = os.path.join(self.dir, "supervisord.conf")
        lines = ["[supervisord]", "nodaemon=true", "logfile=%s/supervisord.log" % self.dir,
                 "pidfile=%s/supervisord.pid" % self.dir, "childlogdir=%s/logs" % self.dir,
                 "minfds=%d" % (args.conns + 2048), "",
                 "[inet_http_server]", "port=127.0.0.1:%d" % self.port, "",
                 "[rpcinterface:supervisor]",
                 "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", ""]
        for name_, opts in programs:
            lines.append("[program:%s]" % name_)
            lines += ["%s=%s" % kv for kv in opts.items()]
            lines.append("")
        with open(self.conf, "w") as f:
            f.write("\n".join(lines))
        self.proc = None
        self.kids = []

    def start(self):
        argv = shlex.split(self.args.daemon_cmd.format(conf=self.conf))
        self.out = open(os.path.join(self.dir, "daemon.out"), "wb")
        self.proc = subprocess.Popen(argv, stdout=self.out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.dir, start_new_session=True)
        self.proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % self.port)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("daemon exited; see %s/daemon.out" % self.dir)
            try:
                self.proxy.supervisor.getState()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.01)
        raise RuntimeError("daemon never answered")

    def wait_running(self, names=None):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            infos = self.proxy.supervisor.getAllProcessInfo()
            if all(i["statename"] == "RUNNING" for i in infos if names is None or i["name"] in names):
                self.kids = children_of(self.proc.pid)
                return
            time.sleep(0.05)
        raise RuntimeError("programs never all RUNNING")

    def stop(self):
        """SIGTERM; returns seconds to exit. Kills (and reports) leftovers."""
        if self.proc is None or self.proc.poll() is not None:
            return None
        self.kids = self.kids or children_of(self.proc.pid)
        t0 = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
            took = time.monotonic() - t0
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            took = None
        time.sleep(0.2)
        left = [k for k in self.kids if os.path.exists("/proc/%d" % k) and not is_zombie(k)]
        for k in left:
            os.kill(k, signal.SIGKILL)
        self.out.close()
        if left:
            raise RuntimeError("%d children outlived the daemon" % len(left))
        return took


def is_zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def sleepers(n, prefix="p"):
    return [("%s%04d" % (prefix, i), {"command": "/bin/sleep 100000", "startsecs": "0",
                                      "autorestart": "true"}) for i in range(n)]


class RawRpc:
    """One keep-alive connection, requests serialised once."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, *params):
        body = xmlrpc.client.dumps(params, method).encode()
        self.conn.request("POST", "/RPC2", body, {"Content-Type": "text/xml"})
        r = self.conn.getresponse()
        return xmlrpc.client.loads(r.read())[0][0]


# ---------------------------------------------------------------- phases


def log_time(line):
    """Wall-clock seconds of a main-log line ("2026-11-25 06:40:16,031 INFO ...")."""
    stamp, ms = line[:23].split(",")
    return time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(ms) / 1000.0


def phase_exit(args, hold_pipes=False):
    """The daemon's own log line for the exit says when it acted on it. The
    log file is watched by reading it, which (unlike an RPC poll) does not
    wake the daemon, so a daemon that only notices exits on its next timed
    wakeup shows it. With hold_pipes a grandchild keeps the victim's output
    pipes open, so its death is not also announced by end-of-file."""
    command = "/bin/sh -c '/bin/sleep 100000 & exec /bin/sleep 100000'" if hold_pipes else "/bin/sleep 100000"
    d = Daemon(args, "exit-held" if hold_pipes else "exit",
               [("victim", {"command": command, "startsecs": "0",
                            "autostart": "false", "autorestart": "false"})] + sleepers(100))
    d.start()
    d.wait_running({"p0000"})
    logfile = os.path.join(d.dir, "supervisord.log")
    samples = []
    for _ in range(args.exit_iterations):
        d.proxy.supervisor.startProcess("victim", True)
        pid = d.proxy.supervisor.getProcessInfo("victim")["pid"]
        offset = os.path.getsize(logfile)
        time.sleep(0.2)
        holders = children_of(pid)
        t_kill_wall, t_kill = time.time(), time.monotonic()
        os.kill(pid, signal.SIGKILL)
        line = None
        deadline = t_kill + 10
        with open(logfile) as f:
            f.seek(offset)
            pending = ""
            while line is None and time.monotonic() < deadline:
                pending += f.read()
                for candidate in pending.splitlines(True):
                    if candidate.endswith("\n") and "exited: victim" in candidate:
                        line = candidate
                if line is None:
                    time.sleep(0.0002)
        t_seen = time.monotonic()
        for h in holders:
            os.kill(h, signal.SIGKILL)
        if line is None:
            raise RuntimeError("no exit line for victim in %s" % logfile)
        samples.append({"logged_ms": 1000 * (log_time(line) - t_kill_wall),
                        "seen_ms": 1000 * (t_seen - t_kill), "line": line.strip()})
    d.stop()
    logged = sorted(s["logged_ms"] for s in samples)
    seen = sorted(s["seen_ms"] for s in samples)
    return {"iterations": len(samples), "method": "SIGKILL, then the main log's exit line; "
            "logged_ms = its (millisecond) timestamp minus the kill time, seen_ms = when this "
            "harness read it", "logged_ms_p50": statistics.median(logged), "logged_ms_max": logged[-1],
            "seen_ms_p50": statistics.median(seen), "seen_ms_max": seen[-1], "samples": samples}


def phase_conns(args):
    d = Daemon(args, "conns", sleepers(100))
    d.start()
    d.wait_running()
    time.sleep(args.settle)
    before = memory(d.proc.pid)
    body = xmlrpc.client.dumps((), "supervisor.getState").encode()
    request = (b"POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
               b"Content-Length: %d\r\n\r\n" % len(body)) + body
    socks = []
    try:
        for _ in range(args.conns):
            s = socket.create_connection(("127.0.0.1", d.port), timeout=30)
            s.sendall(request)
            socks.append(s)
        answered = 0
        for s in socks:
            data = b""
            while b"</methodResponse>" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            answered += data.startswith(b"HTTP/1.1 200") or data.startswith(b"HTTP/1.0 200")
        time.sleep(args.settle)
        still_open = sum(1 for s in socks if still_connected(s))
        after = memory(d.proc.pid)
    finally:
        for s in socks:
            s.close()
    d.stop()
    return {"connections": args.conns, "answered_200": answered, "still_open_after_settle": still_open,
            "settle_s": args.settle, "before": before, "with_connections": after,
            "rss_kb_delta": after["rss_kb"] - before["rss_kb"]}


def still_connected(s):
    s.setblocking(False)
    try:
        return s.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        s.setblocking(True)


def run_wrk(port, method, threads, conns, seconds):
    env = dict(os.environ, XMLRPC_METHOD=method)
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--latency",
                          "-s", os.path.join(HERE, "xmlrpc_post.lua"), "http://127.0.0.1:%d/" % port],
                         env=env, capture_output=True, text=True, timeout=seconds + 60)
    rps = bad = None
    for line in out.stdout.splitlines():
        if line.startswith("Requests/sec:"):
            rps = float(line.split()[1])
        if line.startswith("requests ") and "bad answers" in line:
            bad = int(line.rsplit(":", 1)[1])
    if "Non-2xx" in out.stdout:
        bad = (bad or 0) + 1
    return {"method": method, "threads": threads, "connections": conns, "seconds": seconds,
            "req_per_s": rps, "bad_answers": bad, "wrk_output": out.stdout}


def phase_wrk(args):
    if not shutil.which("wrk"):
        return {"skipped": "wrk not installed (apt-get install wrk)"}
    d = Daemon(args, "wrk", sleepers(100))
    d.start()
    d.wait_running()
    runs = [run_wrk(d.port, "supervisor.getState", 8, 8, args.wrk_seconds),
            run_wrk(d.port, "supervisor.getAllProcessInfo", 1, 1, args.wrk_seconds)]
    d.stop()
    return {"runs": runs}


def phase_sigterm(args):
    times = []
    for k in range(3):
        d = Daemon(args, "sigterm%d" % k, sleepers(100))
        d.start()
        d.wait_running()
        time.sleep(0.5)
        times.append(d.stop())
    return {"programs": 100, "seconds": times, "median_s": statistics.median(times)}


PHASES = {"exit": phase_exit, "exit_held": lambda args: phase_exit(args, hold_pipes=True),
          "conns": phase_conns, "wrk": phase_wrk, "sigterm": phase_sigterm}


def summarize(r):
    s = {}
    for phase in ("exit", "exit_held"):
        e = r.get(phase, {})
        if "seen_ms_p50" in e:
            key = "exit_to_state" if phase == "exit" else "exit_to_state_pipes_held"
            s[key + "_logged_ms_p50"] = round(e["logged_ms_p50"], 1)
            s[key + "_logged_ms_max"] = round(e["logged_ms_max"], 1)
            s[key + "_seen_ms_p50"] = round(e["seen_ms_p50"], 2)
            s[key + "_seen_ms_max"] = round(e["seen_ms_max"], 2)
    c = r.get("conns", {})
    if "with_connections" in c:
        s["rss_kb_n100_idle"] = c["before"]["rss_kb"]
        s["rss_kb_with_%d_keepalive_conns" % c["connections"]] = c["with_connections"]["rss_kb"]
        s["keepalive_conns_answered"] = c["answered_200"]
    for run in r.get("wrk", {}).get("runs", []):
        key = "wrk_%s_c%d" % (run["method"].split(".")[-1], run["connections"])
        s[key + "_req_s"] = run["req_per_s"] and round(run["req_per_s"])
        s[key + "_bad"] = run["bad_answers"]
    if "median_s" in r.get("sigterm", {}):
        s["sigterm_exit_s_n100_median"] = round(r["sigterm"]["median_s"], 3)
    return s


def report(paths):
    docs = [json.load(open(p)) for p in paths]
    keys = []
    for d in docs:
        keys += [k for k in d["summary"] if k not in keys]
    print("| metric | " + " | ".join(d["label"] for d in docs) + " |")
    print("|---" * (len(docs) + 1) + "|")
    for k in keys:
        print("| %s | %s |" % (k, " | ".join(str(d["summary"].get(k, "-")) for d in docs)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--daemon-cmd", default="supervisord -n -c {conf}")
    ap.add_argument("--label", default="daemon")
    ap.add_argument("--out", default="-")
    ap.add_argument("--phases", default=",".join(ALL_PHASES))
    ap.add_argument("--exit-iterations", type=int, default=20)
    ap.add_argument("--conns", type=int, default=1000)
    ap.add_argument("--settle", type=float, default=3.0)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--report", nargs="+")
    args = ap.parse_args()
    if args.report:
        return report(args.report)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.conns + 1024)), hard))
    keep = args.workdir is not None
    args.workdir = args.workdir or tempfile.mkdtemp(prefix="sidebench-")
    results = {}
    try:
        for name in [p for p in args.phases.split(",") if p]:
            t = time.monotonic()
            results[name] = PHASES[name](args)
            print("[sidebench] %s done in %.1fs" % (name, time.monotonic() - t), file=sys.stderr)
    finally:
        if not keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
    doc = {"label": args.label, "daemon_cmd": args.daemon_cmd, "date_utc":
           time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nproc": os.cpu_count(),
           "kernel": os.uname().release, "summary": summarize(results), "results": results}
    text = json.dumps(doc, indent=2)
    if args.out == "-":
        print(text)
    else:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(json.dumps(doc["summary"], indent=1), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
