#!/bin/sh
# Every man page passes mandoc's lint (Debian's mandoc), in TAP.
top=${SN_SRCDIR:-$(dirname "$0")/../..}
pages=$(ls "$top"/man/*.[1-8])
echo "1..$(echo "$pages" | wc -w)"
n=0
for page in $pages; do
  n=$((n + 1))
  if ! command -v mandoc >/dev/null 2>&1; then
    echo "ok $n - $(basename "$page") # SKIP mandoc not installed"
  elif out=$(mandoc -Tlint "$page" 2>&1) && [ -z "$out" ]; then
    echo "ok $n - $(basename "$page")"
  else
    echo "not ok $n - $(basename "$page")"
    echo "$out" | sed 's/^/# /'
  fi
done
