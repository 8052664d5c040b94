#!/usr/bin/env python3
"""How a supervisord's cost grows with the number of programs, side by side.

For each daemon command and each N: N `sleep` programs (startsecs=0, AUTO logs);
measures exec -> all RUNNING (against the harness's own spawn floor for N),
memory after settling (RSS, PSS, USS = private clean + dirty, which counts
library pages no other process maps; anon = heap and stacks, what the daemon itself holds), one raw
getAllProcessInfo round trip (median of 5), `supervisorctl status` wall time with
the given ctl programs, one child killed -> its state leaves RUNNING or its pid
changes (polled with getProcessInfo every 1 ms), SIGTERM -> daemon exit. Loopback only; every
process it starts is stopped by pid.

Usage: scale.py --daemon 'LABEL=CMD {conf}' [...] --ctl 'LABEL=CMD' [...] --ns 1000,5000
Prints one JSON object per (daemon, N) and a table at the end.

A copy of the project's shared scale harness with one change: each run's files go on
tmpfs (--workdir-base), see work_base().
"""
import argparse, json, os, resource, shlex, signal, socket, subprocess, sys, tempfile, time
import http.client, xmlrpc.client


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def mem(pid):
    r = {}
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Anonymous"):
                r[k] = int(v.split()[0])
    return {"rss_kb": r["Rss"], "pss_kb": r["Pss"], "uss_kb": r["Private_Clean"] + r["Private_Dirty"],
            "anon_kb": r["Anonymous"]}


def floor(n):
    t0 = time.monotonic(); ps = []
    for _ in range(n):
        ps.append(subprocess.Popen(["/bin/sleep", "1000"], close_fds=False))
    # all exec'd: /proc/PID/exe points at sleep
    for p in ps:
        while True:
            try:
                if os.readlink("/proc/%d/exe" % p.pid).endswith("sleep"):
                    break
            except OSError:
                pass
            time.sleep(0.0005)
    dt = time.monotonic() - t0
    for p in ps:
        p.kill()
    for p in ps:
        p.wait()
    return dt


RAW_GAPI = (b"<?xml version='1.0'?><methodCall><methodName>supervisor.getAllProcessInfo"
            b"</methodName><params></params></methodCall>")


def raw_call(port, body):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.monotonic()
    c.request("POST", "/RPC2", body, {"Content-Type": "text/xml"})
    data = c.getresponse().read()
    dt = time.monotonic() - t0
    c.close()
    return dt, data


def work_base(requested):
    """Where each run's config, main log and 2N AUTO child logs go: tmpfs by
    default (as supbench.py's pick_log_base). On a disk the 2N file creations
    cost whatever the file system's history makes them: on ext4 without a
    journal each new inode skips every inode freed in the last 60-360 s in
    its group (find_inode_bit -> recently_deleted), so the previous run's
    rm -rf made the next, bigger run 20-60x dearer per file here."""
    if requested:
        return requested
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return "/dev/shm"
    return None


def run_one(label, cmd, n, ctls, timeout, base=None):
    wd = tempfile.mkdtemp(prefix="scale-", dir=base)
    port = free_port()
    conf = os.path.join(wd, "supervisord.conf")
    with open(conf, "w") as f:
        f.write("[supervisord]\nnodaemon=true\nlogfile=%s/sd.log\npidfile=%s/sd.pid\n"
                "childlogdir=%s\nminfds=%d\nminprocs=%d\nloglevel=info\n" % (wd, wd, wd, min(6 * n + 256, 19000), n + 200))
        f.write("[inet_http_server]\nport=127.0.0.1:%d\n" % port)
        f.write("[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n")
        f.write("[supervisorctl]\nserverurl=http://127.0.0.1:%d\n" % port)
        for i in range(n):
            f.write("[program:p%05d]\ncommand=/bin/sleep 100000\nstartsecs=0\n" % i)
    res = {"daemon": label, "n": n}
    t0 = time.monotonic()
    d = subprocess.Popen(shlex.split(cmd.format(conf=conf)), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    P = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/RPC2" % port)
    try:
        while True:
            if time.monotonic() - t0 > timeout:
                res["error"] = "not all RUNNING in %d s" % timeout
                return res
            try:
                info = P.supervisor.getAllProcessInfo()
                if len(info) == n and all(i["statename"] == "RUNNING" for i in info):
                    break
            except (OSError, xmlrpc.client.Error, http.client.HTTPException):
                pass
            time.sleep(0.05)
        res["startup_s"] = round(time.monotonic() - t0, 3)
        time.sleep(3)
        res.update(mem(d.pid))
        lat = sorted(raw_call(port, RAW_GAPI)[0] for _ in range(5))
        res["gapi_ms"] = round(lat[2] * 1000, 2)
        for cl, ccmd in ctls:
            ts = []
            for _ in range(3):
                t1 = time.monotonic()
                subprocess.run(shlex.split(ccmd) + ["-c", conf, "status"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=300)
                ts.append(time.monotonic() - t1)
            res["ctl_status_s_" + cl] = round(sorted(ts)[1], 3)
        # one child killed -> state leaves RUNNING
        name = "p%05d" % (n // 2)
        pid = P.supervisor.getProcessInfo(name)["pid"]
        t1 = time.monotonic(); os.kill(pid, signal.SIGKILL)
        while True:
            i = P.supervisor.getProcessInfo(name)
            if i["statename"] != "RUNNING" or i["pid"] != pid:
                break
            if time.monotonic() - t1 > 10:
                break
            time.sleep(0.001)
        res["exit_seen_ms"] = round((time.monotonic() - t1) * 1000, 1)
    finally:
        t1 = time.monotonic()
        try:
            d.send_signal(signal.SIGTERM); d.wait(timeout=300)
            res["sigterm_exit_s"] = round(time.monotonic() - t1, 3)
        except subprocess.TimeoutExpired:
            os.killpg(d.pid, signal.SIGKILL); d.wait()
        # orphans: any sleep 100000 left whose session was the daemon's
        left = 0
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    if os.getsid(int(p)) == d.pid:
                        left += 1; os.kill(int(p), signal.SIGKILL)
                except OSError:
                    pass
        res["orphans"] = left
        subprocess.run(["rm", "-rf", wd])
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--daemon", action="append", required=True)
    ap.add_argument("--ctl", action="append", default=[])
    ap.add_argument("--ns", default="1000,5000")
    ap.add_argument("--timeout", type=int, default=240)
    ap.add_argument("--out")
    ap.add_argument("--workdir-base", help="directory for the runs' files (default: /dev/shm if writable)")
    a = ap.parse_args()
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]; resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    ds = [x.split("=", 1) for x in a.daemon]
    cs = [x.split("=", 1) for x in a.ctl]
    out = []
    base = work_base(a.workdir_base)
    for n in [int(x) for x in a.ns.split(",")]:
        f = floor(n)
        for label, cmd in ds:
            r = run_one(label, cmd, n, cs, a.timeout, base)
            r["floor_s"] = round(f, 3)
            r["workdir_base"] = base or tempfile.gettempdir()
            if "startup_s" in r:
                r["startup_over_floor"] = round(r["startup_s"] / f, 2)
            print(json.dumps(r), flush=True)
            out.append(r)
    if a.out:
        json.dump(out, open(a.out, "w"), indent=1)
    keys = ["startup_s", "startup_over_floor", "rss_kb", "pss_kb", "uss_kb", "anon_kb", "gapi_ms", "exit_seen_ms",
            "sigterm_exit_s", "orphans"] + ["ctl_status_s_" + c for c, _ in cs]
    print("| daemon | n | " + " | ".join(keys) + " |")
    for r in out:
        print("| %s | %d | " % (r["daemon"], r["n"]) + " | ".join(str(r.get(k, r.get("error", "-"))) for k in keys) + " |")


if __name__ == "__main__":
    main()
