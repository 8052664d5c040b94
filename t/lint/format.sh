#!/bin/sh
# Every C++ source is formatted as the committed .clang-format says
# (Debian's clang-format 14), one TAP line per folder.
top=${SN_SRCDIR:-$(dirname "$0")/../..}
dirs=$(cd "$top" && find src t -name '*.cc' -o -name '*.h' | xargs -n1 dirname | sort -u)
echo "1..$(echo "$dirs" | wc -w)"
n=0
for dir in $dirs; do
  n=$((n + 1))
  if ! command -v clang-format >/dev/null 2>&1; then
    echo "ok $n - $dir # SKIP clang-format not installed"
    continue
  fi
  bad=""
  for f in "$top/$dir"/*.cc "$top/$dir"/*.h; do
    [ -f "$f" ] || continue
    clang-format --style="file:$top/.clang-format" --dry-run -Werror "$f" >/dev/null 2>&1 || bad="$bad ${f#$top/}"
  done
  if [ -z "$bad" ]; then
    echo "ok $n - $dir"
  else
    echo "not ok $n - $dir"
    for f in $bad; do echo "# not formatted: $f (clang-format -i --style=file $f)"; done
  fi
done
