#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) into build-fuzz/ and
# runs each for SECONDS (default 60), starting from testdata/fuzz/<target>/.
# A crash stops with exit 1 and leaves the input in build-fuzz/crashes/;
# minimise it (the fuzzer binary with -minimize_crash=1) and add it to
# testdata/fuzz/<target>/crash-<name> so ctest replays it from then on.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD="$ROOT/build-fuzz"
EXTRA_PACKAGES="clang libclang-rt-14-dev" BUILD_DIR="$BUILD" BUILD_TYPE=RelWithDebInfo \
  CMAKE_ARGS="-DCMAKE_CXX_COMPILER=clang++ -DBUILD_FUZZERS=ON -DSANITIZE=ON" \
  bash "$ROOT/scripts/setup.sh"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$BUILD"/tests/fuzz/*_fuzzer; do targets+=("$(basename "${f%_fuzzer}")"); done
fi
mkdir -p "$BUILD/crashes"
status=0
for t in "${targets[@]}"; do
  corpus="$BUILD/corpus/$t"
  mkdir -p "$corpus"
  seeds="$ROOT/testdata/fuzz/$t"
  log="$BUILD/fuzz-$t.log"
  if ! "$BUILD/tests/fuzz/${t}_fuzzer" "$corpus" "$seeds" -max_total_time="$SECONDS_PER_TARGET" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/crashes/$t-" > "$log" 2>&1; then
    echo "fuzz: $t: FAILED (see $log and $BUILD/crashes/)"
    grep -m 3 -E 'ERROR|SUMMARY' "$log" || true
    status=1
  else
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -n 1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
    echo "fuzz: $t: ok, ${SECONDS_PER_TARGET}s, ${execs:-?} execs, cov ${cov:-?}, corpus $(ls "$corpus" | wc -l)"
  fi
done
exit $status
