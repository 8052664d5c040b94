#!/usr/bin/env python3
"""stampbench: child-log capture with and without stdout_log_timestamps, for
our supervisord and Python supervisord in one run, measured as
bench/supbench.py measures its logs phase (whose helpers it uses): a writer
sendfile()s a file of numbered 100-byte lines into its stdout beside 100
idle programs, its log rotates at 50MB with 5 backups on tmpfs (room for
the stamped payload: nothing may rotate away), and every line is checked
afterwards.

Variants (--variants, default all): "none" (no option: supervisor's own
configuration, so Python runs it too) and "utc" (stdout_log_timestamps=utc:
25 bytes of stamp before each line; ours only, Python has no such option).
The rate is of the program's bytes (the payload), stamps not counted.

Example:
  bench/stampbench.py --daemon native='build/src/supervisord/supervisord -n -c {conf}' \\
      --daemon python='/usr/bin/supervisord -n -c {conf}' --out bench/results/stampbench.json
  bench/stampbench.py --report bench/results/stampbench.json
"""

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import supbench  # noqa: E402

MiB = 1024 * 1024
STAMP = re.compile(rb"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z $")
STAMP_BYTES = 25


def verify(files, lines, stamped):
    """Lines present, missing, malformed (a utc stamp required when stamped)."""
    seen = bytearray(lines)
    malformed = 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        for ln in data.split(b"\n"):
            if not ln:
                continue
            if stamped:
                if not STAMP.match(ln[:STAMP_BYTES]):
                    malformed += 1
                    continue
                ln = ln[STAMP_BYTES:]
            if len(ln) != supbench.LINE_LEN - 1 or not ln[:12].isdigit():
                malformed += 1
                continue
            i = int(ln[:12])
            if i < lines:
                seen[i] = 1
    present = sum(seen)
    return {"lines_present": present, "lines_missing": lines - present, "lines_malformed": malformed}


def log_files(logdir):
    fs = [f for f in os.listdir(logdir) if f.startswith("writer.log")]

    def order(f):  # oldest first
        suffix = f[len("writer.log"):].lstrip(".")
        return -int(suffix) if suffix.isdigit() else 0
    return [os.path.join(logdir, f) for f in sorted(fs, key=order)]


def total_size(logdir):
    total = 0
    for f in log_files(logdir):
        try:
            total += os.path.getsize(f)
        except OSError:  # rotated away between the listing and now
            pass
    return total


def one_run(bench, d, name, logdir, times, lines, stamped):
    """Starts the writer once; seconds from its first byte to the last byte logged."""
    expected = lines * (supbench.LINE_LEN + (STAMP_BYTES if stamped else 0))
    cpu0 = supbench.proc_cpu_s(d.pid)
    supbench.rpc_call(d.proxy, "supervisor.startProcess", name, False)
    deadline = time.monotonic() + 180
    last_size, last_change = -1, time.monotonic()
    while time.monotonic() < deadline:
        size = total_size(logdir)
        now = time.monotonic()
        if size != last_size:
            last_size, last_change = size, now
        if size >= expected or (os.path.exists(times) and now - last_change > 2.0):
            break
        time.sleep(0.002)
    cpu1 = supbench.proc_cpu_s(d.pid)
    for _ in range(200):
        if os.path.exists(times) and len(open(times).read().split()) == 3:
            break
        time.sleep(0.05)
    t0 = float(open(times).read().split()[0])
    d.wait_states({"EXITED", "FATAL", "BACKOFF", "STOPPED"}, names={name}, timeout=10)
    time.sleep(0.3)
    files = log_files(logdir)
    res = {"seconds": last_change - t0, "daemon_cpu_s": cpu1 - cpu0,
           "log_bytes": sum(os.path.getsize(f) for f in files)}
    res["payload_mib_per_s"] = lines * supbench.LINE_LEN / MiB / res["seconds"]
    res.update(verify(files, lines, stamped))
    res["bytes_lost"] = res["lines_missing"] * supbench.LINE_LEN
    for f in files:
        os.unlink(f)
    os.unlink(times)
    return res


def one_variant(bench, label, variant, payload, lines, log_base, repeats, bystanders):
    stamped = variant == "utc"
    d = supbench.Daemon(bench, "%s-%s" % (label, variant))
    logdir = os.path.join(log_base, "%s-%s-logs" % (label, variant))
    os.makedirs(logdir, exist_ok=True)
    times = os.path.join(d.workdir, "writer.times")
    opts = {"command": "%s %s %s %s" % (bench.py, bench.writer, payload, times),
            "autostart": "false", "autorestart": "false", "startsecs": "0",
            "stdout_logfile": os.path.join(logdir, "writer.log"),
            "stdout_logfile_maxbytes": "50MB", "stdout_logfile_backups": "5",
            "stderr_logfile": os.path.join(logdir, "writer.err")}
    if stamped:
        opts["stdout_log_timestamps"] = "utc"
    d.configure([("writer", opts)] + supbench.sleep_programs(bystanders, 0))
    d.start()
    try:
        d.wait_rpc()
        d.wait_states({"RUNNING"}, names={"p%04d" % i for i in range(bystanders)}, timeout=120)
        time.sleep(1.0)
        runs = [one_run(bench, d, "writer", logdir, times, lines, stamped) for _ in range(repeats)]
    finally:
        d.stop()
    rates = sorted(r["payload_mib_per_s"] for r in runs)
    out = {"daemon": label, "variant": variant, "bystander_programs": bystanders, "repeats": repeats,
           "payload_mib_per_s": statistics.median(rates), "payload_mib_per_s_min": rates[0],
           "payload_mib_per_s_max": rates[-1], "bytes_lost": sum(r["bytes_lost"] for r in runs),
           "lines_malformed": sum(r["lines_malformed"] for r in runs), "runs": runs}
    bench.log("%s %s: median %.0f MiB/s (%s), lost %d bytes, malformed %d lines" % (
        label, variant, out["payload_mib_per_s"], ", ".join("%.0f" % r for r in rates), out["bytes_lost"],
        out["lines_malformed"]))
    return out


def run(args):
    workdir = tempfile.mkdtemp(prefix="stampbench-")
    lines = args.log_mib * MiB // supbench.LINE_LEN
    log_base = supbench.pick_log_base(None, args.log_mib, workdir)
    payload = os.path.join(log_base, "payload.bin")
    supbench.make_payload(payload, lines)
    doc = {"machine": supbench.machine_info(), "payload_bytes": lines * supbench.LINE_LEN,
           "log_dir_base": log_base, "results": []}
    try:
        for spec in args.daemon:
            label, cmd = spec.split("=", 1)
            bench_args = types.SimpleNamespace(daemon_cmd=cmd, no_rpc_section=False)
            bench = types.SimpleNamespace(args=bench_args, workdir=workdir, py=sys.executable,
                                          log=lambda m: sys.stderr.write("[stampbench] %s\n" % m))
            bench.writer = supbench.write_script(workdir, "writer.py", supbench.WRITER)
            for variant in args.variants:
                if variant == "utc" and label != "native":
                    continue  # supervisor has no such option
                time.sleep(args.settle)
                doc["results"].append(one_variant(bench, label, variant, payload, lines, log_base,
                                                  args.repeats, args.bystanders))
    finally:
        supbench.Daemon.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if log_base != workdir:
            shutil.rmtree(log_base, ignore_errors=True)
    return doc


def report(path):
    with open(path) as f:
        doc = json.load(f)
    print("| daemon | stdout_log_timestamps | payload MiB/s (median of %d; min–max) | bytes lost | malformed lines |"
          % doc["results"][0]["repeats"])
    print("|---|---|---|---|---|")
    for r in doc["results"]:
        print("| %s | %s | %.0f (%.0f–%.0f) | %d | %d |" % (
            r["daemon"], r["variant"], r["payload_mib_per_s"], r["payload_mib_per_s_min"],
            r["payload_mib_per_s_max"], r["bytes_lost"], r["lines_malformed"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--daemon", action="append", default=[], metavar="LABEL=CMD",
                    help="a daemon command with {conf}; label 'native' also runs the utc variant")
    ap.add_argument("--variants", default="none,utc")
    ap.add_argument("--log-mib", type=int, default=180)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--bystanders", type=int, default=100)
    ap.add_argument("--settle", type=float, default=5.0)
    ap.add_argument("--out", default="-")
    ap.add_argument("--report", metavar="JSON")
    a = ap.parse_args(argv)
    if a.report:
        report(a.report)
        return 0
    a.variants = [v for v in a.variants.split(",") if v]
    doc = run(a)
    text = json.dumps(doc, indent=2)
    if a.out == "-":
        print(text)
    else:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
