#!/usr/bin/env bash
# stackfold on the 404 MiB real perf recording, next to `wc -l` on the same
# file (and stackcollapse-perf.pl / inferno-collapse-perf when on PATH); then
# the hash-flood case of issue 17.
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
# Hash flood (issue 17): 100,000 names built to collide under the public
# unkeyed hash vs random names of the same size; the keyed hash and the
# probe-length guard keep the two within 2x (it was 40 s vs 0.14 s).
# `flood_names KIND COUNT`: `flood;NAME 1` lines whose 16-byte names all
# collide under stack::StableHash (its per-word step inverted, as
# tests/stack/hash_test.cc does), or random printable names of that size.
flood_names() {
  python3 - "$@" << 'PY'
import random
import struct
import sys

M = (1 << 64) - 1
BAD = set(b"\n; \0\r\t#")


def crafted(count):
    target = 0x1234567890ABCDEF
    i = 0
    while count > 0:
        i += 1
        w1 = (0x4141414141414141 + i) & M
        h = (0x9E3779B97F4A7C15 * 17) & M  # seed 0, 16 bytes
        h = ((h ^ w1) * 0xBF58476D1CE4E5B9) & M
        h ^= h >> 29
        name = struct.pack("<QQ", w1, h ^ target)
        if BAD.isdisjoint(name):
            count -= 1
            yield name


def uniform(count):
    rng = random.Random(17)
    seen = set()
    while len(seen) < count:
        name = bytes(rng.choice(range(33, 127)) for _ in range(16))
        if name not in seen and BAD.isdisjoint(name):
            seen.add(name)
            yield name


def main():
    kind, count = sys.argv[1], int(sys.argv[2])
    out = sys.stdout.buffer
    for name in (crafted if kind == "crafted" else uniform)(count):
        out.write(b"flood;" + name + b" 1\n")


main()
PY
}
for kind in crafted random; do
  [ -s "$BENCH_TMP/flood-$kind.folded" ] ||
    flood_names "$kind" 100000 > "$BENCH_TMP/flood-$kind.folded"
done
fbytes=$(stat -c %s "$BENCH_TMP/flood-crafted.folded")
echo "stackfold: hash flood, 100,000 one-frame stacks ($((fbytes / 1024)) KiB), median of $RUNS"
measure "crafted colliding names" "$fbytes" "$RUNS" 5 -- "$BIN" --format folded "$BENCH_TMP/flood-crafted.folded"
crafted=$LAST_WALL
measure "random names, same size" "$fbytes" "$RUNS" 5 -- "$BIN" --format folded "$BENCH_TMP/flood-random.folded"
awk -v a="$crafted" -v b="$LAST_WALL" 'BEGIN { printf "  crafted / random: %.2fx (target: within 2x)\n", (b > 0) ? a / b : 0 }'
"$BIN" "$in" > "$BENCH_TMP/perf-large.folded"
echo "  output: $(wc -l < "$BENCH_TMP/perf-large.folded") folded lines," \
  "$(($(stat -c %s "$BENCH_TMP/perf-large.folded") / 1024)) KiB"
