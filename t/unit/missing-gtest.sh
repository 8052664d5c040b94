#!/bin/sh
# Stands in for the unit tests when configure found no GoogleTest.
echo "Bail out! GoogleTest not found: apt-get install libgtest-dev libgmock-dev, then run configure again"
exit 1
