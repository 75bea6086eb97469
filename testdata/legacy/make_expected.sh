#!/usr/bin/env bash
# Writes pprof's outputs beside each fixture (Go 1.19.8 `go tool pprof`,
# TZ=UTC): F.pprof-top.txt (-symbolize=none -top), F.pprof-addresses.txt
# (-symbolize=none -top -addresses) and F.pprof-raw.txt (-symbolize=none
# -raw). The e2e test compares heapdiff and stackfold with these, so it
# needs no Go. Run from this folder after changing a fixture.
set -euo pipefail
export TZ=UTC
for f in tcmalloc.heap heap_v2.heap growthz.heap contention.txt threadz.txt \
         threadcreate.txt goroutine.txt cpu.prof mutex.debug1.txt \
         block.debug1.txt; do
  go tool pprof -symbolize=none -top "$f" > "$f.pprof-top.txt"
  go tool pprof -symbolize=none -top -addresses "$f" > "$f.pprof-addresses.txt"
  go tool pprof -symbolize=none -raw "$f" > "$f.pprof-raw.txt"
done
