#!/bin/sh
# Runs every benchmark for our supervisord and for Debian's Python
# supervisord, one after the other on the same machine, and leaves the JSON
# in bench/results/. Usage: bench/run-all.sh [path/to/our/supervisord]
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
/usr/bin/python3 "$supbench" --report "$out/supbench-native.json" "$out/supbench-python.json"
/usr/bin/python3 "$here/sidebench.py" --report "$out/sidebench-native.json" "$out/sidebench-python.json"
