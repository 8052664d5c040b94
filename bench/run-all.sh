#!/bin/sh
# Runs every benchmark for our supervisord and for Debian's Python
# supervisord, one after the other on the same machine (supbench, sidebench,
# hostile, scale), and leaves the JSON in bench/results/.
# Usage: bench/run-all.sh [path/to/our/supervisord]
# Needs: a built tree and `apt-get install supervisor wrk`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ours=${1:-$here/../build/src/supervisord/supervisord}
ours=$(cd "$(dirname "$ours")" && pwd)/$(basename "$ours")
supbench=${SUPBENCH:-$here/supbench.py}
python_supervisord=${PYTHON_SUPERVISORD:-/usr/bin/supervisord}
out=$here/results
mkdir -p "$out"
# supbench exits non-zero when a phase failed; its JSON says which, so go on.
phases_native=${PHASES_NATIVE:-startup,idle,rpc,stop,logs,events}
# ext4 scans recently deleted inodes when it allocates new ones: creating the
# 2000 log files of the n=1000 startup right after a run deleted thousands
# (the tests, the previous benchmark) costs up to 0.4 s. Let that pass.
settle=${SETTLE_SECONDS:-90}
for who in native python; do
  sleep "$settle"
  if [ $who = native ]; then cmd="$ours -n -c {conf}"; version="$ours --version"; phases=$phases_native
  else cmd="$python_supervisord -n -c {conf}"; version="$python_supervisord --version"
    phases=startup,idle,rpc,stop,logs,events; fi
  /usr/bin/python3 "$supbench" --daemon-cmd "$cmd" --version-cmd "$version" --label $who \
      --phases "$phases" --out "$out/supbench-$who.json" || echo "supbench ($who) exited $?"
  /usr/bin/python3 "$here/sidebench.py" --daemon-cmd "$cmd" --label $who \
      --out "$out/sidebench-$who.json" || echo "sidebench ($who) exited $?"
done
# Hostile clients (bench/hostile.py): unauthenticated bodies, slowloris, a 25 MB readLog.
for who in native python; do
  sleep "$settle"
  if [ $who = native ]; then cmd="$ours -n -c {conf}"; else cmd="$python_supervisord -n -c {conf}"; fi
  /usr/bin/python3 "$here/hostile.py" --daemon-cmd "$cmd" --label $who \
      --out "$out/hostile-$who.json" || echo "hostile ($who) exited $?"
done
# How costs grow with the number of programs (bench/scale.py), both daemons
# in one run, each N against the harness's own spawn floor.
ctl_ours=$(dirname "$ours")/../supervisorctl/supervisorctl
sleep "$settle"
/usr/bin/python3 "$here/scale.py" --daemon "native=$ours -n -c {conf}" --daemon "python=$python_supervisord -n -c {conf}" \
    --ctl "native=$ctl_ours" --ctl "debian=${PYTHON_SUPERVISORCTL:-/usr/bin/supervisorctl}" \
    --ns "${SCALE_NS:-1000,3000}" --out "$out/scale.json" || echo "scale exited $?"
/usr/bin/python3 "$supbench" --report "$out/supbench-native.json" "$out/supbench-python.json"
/usr/bin/python3 "$here/sidebench.py" --report "$out/sidebench-native.json" "$out/sidebench-python.json"
/usr/bin/python3 "$here/hostile.py" --report "$out/hostile-native.json" "$out/hostile-python.json"
