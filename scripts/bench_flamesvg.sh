#!/usr/bin/env bash
# flamesvg on (1) the folded form of the 404 MiB perf recording (stackfold
# output, ~7 MiB, 26k lines) and (2) a generated folded file with 1,000,000
# distinct stacks in scrambled order, each next to `wc -l` on the same file
# (and flamegraph.pl / inferno-flamegraph when on PATH). Reports MiB/s of
# input, peak RSS, output size and frames drawn; with Chromium installed,
# also whether it renders the 1M-stack SVG (screenshot) and how long it takes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench_lib.sh"
SHARED="${SHARED_DIR:-$ROOT/../shared}"
BUILD="${BUILD_DIR:-$ROOT/build}"
BIN="$BUILD/cmd/flamesvg/flamesvg"
STACKFOLD="$BUILD/cmd/stackfold/stackfold"
RUNS="${RUNS:-5}"

# (1) perf-large, folded by stackfold (or the shared folded references,
# repeated to a similar size, when stackfold is not built).
large="$BENCH_TMP/perf-large.folded"
if [ ! -s "$large" ]; then
  if [ -x "$STACKFOLD" ]; then
    "$STACKFOLD" "$(unpacked "$SHARED/bench/perf-large.txt.gz")" > "$large.part"
  else
    echo "flamesvg: $STACKFOLD not built; using the shared folded references" \
      "repeated to ~7 MiB as a stand-in for perf-large" >&2
    : > "$large.part"
    while [ "$(stat -c %s "$large.part")" -lt 7000000 ]; do
      cat "$SHARED"/testdata/perf/*/*.folded-default.txt >> "$large.part"
    done
  fi
  mv "$large.part" "$large"
fi

# (2) 1,000,000 distinct stacks: stack i spells the base-8 digits of a
# scrambled i as 7 frames (package/function names), so consecutive lines
# share little and the tree has ~1.2M nodes.
distinct="$BENCH_TMP/distinct-1m.folded"
if [ ! -s "$distinct" ]; then
  awk 'BEGIN {
    for (i = 0; i < 1000000; i++) {
      j = (i * 7919) % 1000000; line = "main.main"
      for (level = 0; level < 7; level++) {
        d = j % 8; j = int(j / 8)
        line = line ";github.com/acme/svc/pkg" level ".(*T" d ").Method" d
      }
      print line, (i * 31) % 97 + 1
    }
  }' > "$distinct.part"
  mv "$distinct.part" "$distinct"
fi

for input in "$large" "$distinct"; do
  bytes=$(stat -c %s "$input")
  echo "flamesvg: $(basename "$input") ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB," \
    "$(wc -l < "$input") lines), median of $RUNS"
  loops=$(( bytes < 50000000 ? 20 : 1 ))
  measure "wc -l (baseline)" "$bytes" "$RUNS" "$loops" -- wc -l "$input"
  measure "flamesvg" "$bytes" "$RUNS" "$loops" -- "$BIN" "$input"
  if base=$(baseline_bin flamesvg) && [ -n "$base" ]; then
    measure "$BASELINE_LABEL" "$bytes" "$RUNS" "$loops" -- "$base" "$input"
  fi
  if command -v inferno-flamegraph > /dev/null; then
    measure "inferno-flamegraph" "$bytes" 3 -- inferno-flamegraph "$input"
  fi
  if command -v flamegraph.pl > /dev/null; then
    measure "flamegraph.pl" "$bytes" 1 -- flamegraph.pl "$input"
  fi
  out="$BENCH_TMP/$(basename "$input" .folded).svg"
  "$BIN" "$input" > "$out" 2> "$BENCH_TMP/flamesvg.err"
  echo "  output: $(awk -v b="$(stat -c %s "$out")" 'BEGIN {printf "%.2f", b / 1048576}') MiB," \
    "$(grep -c '<title>' "$out") frames drawn; $(cat "$BENCH_TMP/flamesvg.err")"
done

chromium="$(command -v chromium || true)"
if [ -n "$chromium" ]; then
  out="$BENCH_TMP/distinct-1m.svg"
  start=$(date +%s.%N)
  if timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --no-first-run \
      --user-data-dir="$BENCH_TMP/chromium-profile" --window-size=1200,800 \
      --screenshot="$BENCH_TMP/distinct-1m.png" "file://$out" \
      > /dev/null 2>&1 && [ -s "$BENCH_TMP/distinct-1m.png" ]; then
    echo "  chromium rendered distinct-1m.svg to a screenshot in" \
      "$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s" \
      "(includes browser start-up)"
  else
    echo "  chromium could not render distinct-1m.svg"
  fi
fi
