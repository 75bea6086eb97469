#!/usr/bin/env bash
# Benchmarks goleak-cluster on the 100k-goroutine dump
# (shared/testdata/go/scale) and the 1M-goroutine dump
# (shared/bench/goroutines-1m.debug2.txt.gz), each next to `wc -l` on the
# same file and `panicparse -aggressive` when installed. Inputs are
# decompressed to a temp file first; prints the median wall time of RUNS
# runs (default 3), MiB/s of input and peak RSS.
# Env: GOLEAK_BIN (default $BUILD_DIR/cmd/goleak-cluster/goleak-cluster,
#      BUILD_DIR default build), SHARED_DIR (default ../shared), RUNS,
#      SKIP_PANICPARSE=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench_lib.sh"
BIN="${GOLEAK_BIN:-${BUILD_DIR:-$ROOT/build}/cmd/goleak-cluster/goleak-cluster}"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
RUNS="${RUNS:-3}"
[ -x "$BIN" ] || { echo "bench_goleak.sh: $BIN not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_goleak.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

bench_file() {
  local name="$1" src="$2"
  if [ ! -f "$src" ]; then
    echo "skip $name: $src not found"
    return
  fi
  local plain="$TMP/$name.txt"
  gzip -dc -f "$src" >"$plain"
  local bytes
  bytes=$(stat -c %s "$plain")
  echo "== $name: $bytes bytes, $(wc -l <"$plain") lines"
  measure "wc -l" "$bytes" "$RUNS" -- wc -l "$plain"
  measure "goleak-cluster" "$bytes" "$RUNS" -- "$BIN" "$plain"
  local ours="$LAST_WALL" base
  if base=$(baseline_bin goleak-cluster) && [ -n "$base" ]; then
    measure "$BASELINE_LABEL" "$bytes" "$RUNS" -- "$base" "$plain"
  fi
  measure "goleak-cluster --json" "$bytes" "$RUNS" -- "$BIN" --json "$plain"
  if [ "${SKIP_PANICPARSE:-0}" != 1 ] && command -v panicparse >/dev/null; then
    measure "panicparse -aggressive" "$bytes" "$RUNS" -- \
      panicparse -no-color -parse=false -aggressive "$plain"
    awk -v p="$LAST_WALL" -v o="$ours" 'BEGIN {
      if (o > 0) printf "%-34s %8.1fx faster than panicparse -aggressive\n", "", p / o }'
  fi
  rm -f "$plain"
}

bench_file "goroutines-100k" "$SHARED/testdata/go/scale/goroutines-100k.debug2.txt.gz"
bench_file "goroutines-1m" "$SHARED/bench/goroutines-1m.debug2.txt.gz"
