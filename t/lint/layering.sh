#!/bin/sh
# Who may include whom, one TAP line per rule: the shared library includes
# no program's header, no program includes another program's headers, and
# the daemon's core (process/, output/, events/) reaches into no feature
# folder (deployment/, web/, http/, rpc/).
top=${SN_SRCDIR:-$(dirname "$0")/../..}
cd "$top/src" || exit 1
programs="supervisord supervisorctl crashmail supervisor-deploy"
echo "1..$(( $(echo $programs | wc -w) + 2 ))"
n=0
# report NAME FILE-LIST PATTERN: "ok" when no file in FILE-LIST includes PATTERN
report() {
  n=$((n + 1))
  bad=$(echo "$2" | xargs -r grep -Hn "^#include \"\($3\)" 2>/dev/null)
  if [ -z "$bad" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    echo "$bad" | sed 's/^/# /'
  fi
}
sources() { find "$@" -name '*.cc' -o -name '*.h'; }
pattern() { echo "$*" | sed 's# #/\\|#g; s#$#/#'; }
report "src/lib includes no program's header" "$(sources lib)" "$(pattern $programs)"
for p in $programs; do
  others=$(echo $programs | tr ' ' '\n' | grep -vx "$p" | tr '\n' ' ')
  report "src/$p includes no other program's header" "$(sources "$p")" "$(pattern $others)"
done
report "the daemon's core reaches into no feature folder" \
  "$(sources supervisord/process supervisord/output supervisord/events)" \
  "$(pattern supervisord/deployment supervisord/web supervisord/http supervisord/rpc)"
