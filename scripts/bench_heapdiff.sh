#!/usr/bin/env bash
# Benchmarks heapdiff on the wide heap profile pair (shared/bench/heap-wide,
# 70k and 140k distinct stacks) next to `wc -l` on the same bytes and
# `go tool pprof -top -base` when go is installed. Inputs are decompressed to
# a temp dir first. Prints the median wall time of RUNS runs (default 5),
# MiB/s of (decompressed) input, peak RSS (GNU time -v), and the ratios.
# Env: HEAPDIFF_BIN (default $BUILD_DIR/cmd/heapdiff/heapdiff, BUILD_DIR
# default build), SHARED_DIR
# (default ../shared), RUNS, SKIP_PPROF=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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

# measure LABEL CMD...: median wall seconds and median peak RSS (KiB) of RUNS
# runs; stdout discarded. Sets WALL and RSS.
measure() {
  local label="$1"
  shift
  local walls=() rsss=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$TMP/time" "$@" > /dev/null 2> "$TMP/stderr" ||
      { echo "$label: command failed: $*" >&2; head -5 "$TMP/stderr" >&2; return 1; }
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/time")")
    rsss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time")")
  done
  WALL="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  RSS="$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  awk -v l="$label" -v w="$WALL" -v r="$RSS" -v b="$BYTES" -v all="${walls[*]}" 'BEGIN {
    mibs = (w > 0) ? b / 1048576 / w : 0
    printf "  %-40s %7.2f s %9.1f MiB/s %8.1f MiB peak RSS  (runs: %s)\n", l, w, mibs, r / 1024, all }'
}

echo "== heapdiff: heap-wide 1.heap -> 2.heap ($BYTES bytes decompressed, $RUNS runs, median)"
measure "wc -l (same bytes)" wc -l "$TMP/both.pb"
measure "heapdiff 1.pb 2.pb" "$BIN" "$TMP/1.pb" "$TMP/2.pb"
OURS_WALL="$WALL" OURS_RSS="$RSS"
measure "heapdiff (gzipped inputs)" "$BIN" "$SRC/1.heap" "$SRC/2.heap"
measure "heapdiff --sample-index alloc_objects" "$BIN" --sample-index alloc_objects "$TMP/1.pb" "$TMP/2.pb"
measure "heapdiff --json" "$BIN" --json "$TMP/1.pb" "$TMP/2.pb"
measure "heapdiff --folded" "$BIN" --folded "$TMP/1.pb" "$TMP/2.pb"
if [ "${SKIP_PPROF:-0}" != 1 ] && command -v go > /dev/null; then
  # Same output check first: the figures compare equal work.
  TZ=UTC "$BIN" "$TMP/1.pb" "$TMP/2.pb" > "$TMP/ours.txt"
  TZ=UTC go tool pprof -symbolize=none -top -base "$TMP/1.pb" "$TMP/2.pb" > "$TMP/pprof.txt" 2> /dev/null
  if cmp -s "$TMP/ours.txt" "$TMP/pprof.txt"; then
    echo "  (outputs identical to go tool pprof)"
  else
    echo "  WARNING: output differs from go tool pprof"
  fi
  measure "go tool pprof -top -base" go tool pprof -symbolize=none -top -base "$TMP/1.pb" "$TMP/2.pb"
  awk -v pw="$WALL" -v pr="$RSS" -v ow="$OURS_WALL" -v orss="$OURS_RSS" 'BEGIN {
    if (ow > 0) printf "  heapdiff is %.1fx faster than go tool pprof, peak RSS %.2f of it\n", pw / ow, orss / pr }'
else
  echo "  go tool pprof: skipped (go not installed or SKIP_PPROF=1)"
fi
