#!/usr/bin/env bash
# Benchmarks heapdiff on the wide heap profile pair (shared/bench/heap-wide,
# 70k and 140k distinct stacks) next to `wc -l` on the same bytes and
# `go tool pprof -top -base` when go is installed. Inputs are decompressed to
# a temp dir first. Prints the median wall time of RUNS runs (default 5),
# MiB/s of (decompressed) input, peak RSS, and the ratios.
# Env: HEAPDIFF_BIN (default $BUILD_DIR/cmd/heapdiff/heapdiff, BUILD_DIR
# default build), SHARED_DIR
# (default ../shared), RUNS, SKIP_PPROF=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench_lib.sh"
BIN="${HEAPDIFF_BIN:-${BUILD_DIR:-$ROOT/build}/cmd/heapdiff/heapdiff}"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
RUNS="${RUNS:-5}"
SRC="$SHARED/bench/heap-wide"
[ -x "$BIN" ] || { echo "bench_heapdiff.sh: $BIN not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_heapdiff.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
[ -f "$SRC/1.heap" ] || { echo "bench_heapdiff.sh: skip, $SRC/1.heap not found"; exit 0; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

gzip -dc "$SRC/1.heap" > "$TMP/1.pb"
gzip -dc "$SRC/2.heap" > "$TMP/2.pb"
cat "$TMP/1.pb" "$TMP/2.pb" > "$TMP/both.pb"  # the same bytes, for wc -l
BYTES=$(( $(stat -c %s "$TMP/1.pb") + $(stat -c %s "$TMP/2.pb") ))

echo "== heapdiff: heap-wide 1.heap -> 2.heap ($BYTES bytes decompressed, $RUNS runs, median)"
measure "wc -l (same bytes)" "$BYTES" "$RUNS" -- wc -l "$TMP/both.pb"
measure "heapdiff 1.pb 2.pb" "$BYTES" "$RUNS" -- "$BIN" "$TMP/1.pb" "$TMP/2.pb"
OURS_WALL="$LAST_WALL" OURS_RSS="$LAST_RSS"
if base=$(baseline_bin heapdiff) && [ -n "$base" ]; then
  measure "$BASELINE_LABEL" "$BYTES" "$RUNS" -- "$base" "$TMP/1.pb" "$TMP/2.pb"
fi
measure "heapdiff (gzipped inputs)" "$BYTES" "$RUNS" -- "$BIN" "$SRC/1.heap" "$SRC/2.heap"
measure "heapdiff --sample-index alloc_objects" "$BYTES" "$RUNS" -- "$BIN" --sample-index alloc_objects "$TMP/1.pb" "$TMP/2.pb"
measure "heapdiff --json" "$BYTES" "$RUNS" -- "$BIN" --json "$TMP/1.pb" "$TMP/2.pb"
measure "heapdiff --folded" "$BYTES" "$RUNS" -- "$BIN" --folded "$TMP/1.pb" "$TMP/2.pb"
# Every sample type merged (the other views merge only the selected one).
measure "heapdiff --all-types" "$BYTES" "$RUNS" -- "$BIN" --all-types "$TMP/1.pb" "$TMP/2.pb"
if [ "${SKIP_PPROF:-0}" != 1 ] && command -v go > /dev/null; then
  # Same output check first: the figures compare equal work.
  TZ=UTC "$BIN" "$TMP/1.pb" "$TMP/2.pb" > "$TMP/ours.txt"
  TZ=UTC go tool pprof -symbolize=none -top -base "$TMP/1.pb" "$TMP/2.pb" > "$TMP/pprof.txt" 2> /dev/null
  if cmp -s "$TMP/ours.txt" "$TMP/pprof.txt"; then
    echo "  (outputs identical to go tool pprof)"
  else
    echo "  WARNING: output differs from go tool pprof"
  fi
  measure "go tool pprof -top -base" "$BYTES" "$RUNS" -- go tool pprof -symbolize=none -top -base "$TMP/1.pb" "$TMP/2.pb"
  awk -v pw="$LAST_WALL" -v pr="$LAST_RSS" -v ow="$OURS_WALL" -v orss="$OURS_RSS" 'BEGIN {
    if (ow > 0) printf "  heapdiff is %.1fx faster than go tool pprof, peak RSS %.2f of it\n", pw / ow, orss / pr }'
else
  echo "  go tool pprof: skipped (go not installed or SKIP_PPROF=1)"
fi
