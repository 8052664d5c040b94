#!/bin/sh
# The daemon stays lean: it links libxml2 for XML-RPC, never libcurl or
# libssh2 (those belong to the client programs). In TAP.
echo "1..2"
needed=$(readelf -d "$SUPERVISORD" 2>&1 | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
n=0
check() {  # check WHAT MUST-APPEAR(yes/no) PATTERN
  n=$((n + 1))
  if echo "$needed" | grep -q "$3"; then found=yes; else found=no; fi
  if [ "$found" = "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    echo "$needed" | sed 's/^/# NEEDED /'
  fi
}
check "links libxml2" yes '^libxml2\.'
check "links neither libcurl nor libssh2" no '^libcurl\|^libssh2'
