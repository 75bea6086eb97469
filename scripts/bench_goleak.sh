#!/usr/bin/env bash
# Benchmarks goleak-cluster on the 100k-goroutine dump
# (shared/testdata/go/scale) and the 1M-goroutine dump
# (shared/bench/goroutines-1m.debug2.txt.gz), each next to `wc -l` on the
# same file and `panicparse -aggressive` when installed. Inputs are
# decompressed to a temp file first; prints the median wall time of RUNS
# runs (default 3), MiB/s of input and peak RSS (GNU time -v).
# Env: GOLEAK_BIN (default $BUILD_DIR/cmd/goleak-cluster/goleak-cluster,
#      BUILD_DIR default build), SHARED_DIR (default ../shared), RUNS,
#      SKIP_PANICPARSE=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${GOLEAK_BIN:-${BUILD_DIR:-$ROOT/build}/cmd/goleak-cluster/goleak-cluster}"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
RUNS="${RUNS:-3}"
[ -x "$BIN" ] || { echo "bench_goleak.sh: $BIN not built" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_goleak.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# measure LABEL FILE CMD...: runs CMD (output to /dev/null) RUNS times.
measure() {
  local label="$1" file="$2"
  shift 2
  local walls=() rsss=()
  for _ in $(seq "$RUNS"); do
    # Wall time from bash's microsecond clock (GNU time rounds to 10 ms).
    local t0="$EPOCHREALTIME"
    /usr/bin/time -v -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr" || true
    local t1="$EPOCHREALTIME"
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
    rsss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time")")
  done
  local wall rss bytes
  wall="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  rss="$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  bytes="$(stat -c %s "$file")"
  awk -v l="$label" -v w="$wall" -v r="$rss" -v b="$bytes" -v n="$RUNS" -v all="${walls[*]}" 'BEGIN {
    mibs = (w > 0) ? b / 1048576 / w : 0
    printf "%-34s %8.3f s  %8.1f MiB/s  %8.1f MiB peak RSS  (runs: %s)\n", l, w, mibs, r / 1024, all }'
  echo "$wall" >"$TMP/last_wall"
}

bench_file() {
  local name="$1" src="$2"
  if [ ! -f "$src" ]; then
    echo "skip $name: $src not found"
    return
  fi
  local plain="$TMP/$name.txt"
  gzip -dc -f "$src" >"$plain"
  echo "== $name: $(stat -c %s "$plain") bytes, $(wc -l <"$plain") lines"
  measure "wc -l" "$plain" wc -l "$plain"
  measure "goleak-cluster" "$plain" "$BIN" "$plain"
  local ours
  ours="$(cat "$TMP/last_wall")"
  measure "goleak-cluster --json" "$plain" "$BIN" --json "$plain"
  if [ "${SKIP_PANICPARSE:-0}" != 1 ] && command -v panicparse >/dev/null; then
    measure "panicparse -aggressive" "$plain" \
      panicparse -no-color -parse=false -aggressive "$plain"
    awk -v p="$(cat "$TMP/last_wall")" -v o="$ours" 'BEGIN {
      if (o > 0) printf "%-34s %8.1fx faster than panicparse -aggressive\n", "", p / o }'
  fi
  rm -f "$plain"
}

bench_file "goroutines-100k" "$SHARED/testdata/go/scale/goroutines-100k.debug2.txt.gz"
bench_file "goroutines-1m" "$SHARED/bench/goroutines-1m.debug2.txt.gz"
