#!/usr/bin/env bash
# stackfold on the 404 MiB real perf recording, next to `wc -l` on the same
# file (and stackcollapse-perf.pl / inferno-collapse-perf when on PATH).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench_lib.sh"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
BIN="${BUILD_DIR:-$ROOT/build}/cmd/stackfold/stackfold"
RUNS="${RUNS:-5}"

in=$(unpacked "$SHARED/bench/perf-large.txt.gz")
bytes=$(stat -c %s "$in")
echo "stackfold: $(basename "$in") ($((bytes / 1048576)) MiB), median of $RUNS"
measure "wc -l (baseline)" "$bytes" "$RUNS" -- wc -l "$in"
measure "stackfold --threads 1" "$bytes" "$RUNS" -- "$BIN" --threads 1 "$in"
measure "stackfold (all $(nproc) cores)" "$bytes" "$RUNS" -- "$BIN" "$in"
if base=$(baseline_bin stackfold) && [ -n "$base" ]; then
  measure "$BASELINE_LABEL --threads 1" "$bytes" "$RUNS" -- "$base" --threads 1 "$in"
  measure "$BASELINE_LABEL (all cores)" "$bytes" "$RUNS" -- "$base" "$in"
fi
if command -v inferno-collapse-perf > /dev/null; then
  measure "inferno-collapse-perf" "$bytes" 3 -- inferno-collapse-perf "$in"
fi
if command -v stackcollapse-perf.pl > /dev/null; then
  measure "stackcollapse-perf.pl" "$bytes" 1 -- stackcollapse-perf.pl "$in"
fi
"$BIN" "$in" > "$BENCH_TMP/perf-large.folded"
echo "  output: $(wc -l < "$BENCH_TMP/perf-large.folded") folded lines," \
  "$(($(stat -c %s "$BENCH_TMP/perf-large.folded") / 1024)) KiB"
