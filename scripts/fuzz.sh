#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) into build-fuzz/ and
# runs each for SECONDS (default 60), starting from testdata/fuzz/<target>/.
# A crash (or a leak, timeout or out-of-memory) makes the script exit 1 and
# leaves the input in build-fuzz/crashes/; minimise it with
#   build-fuzz/tests/fuzz/<target>_fuzzer -minimize_crash=1 -runs=10000 FILE
# and add it as testdata/fuzz/<target>/crash-<name> so ctest replays it.
# Only the fuzz targets and their libraries are built (not the whole tree).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"

# clang and its libFuzzer runtime, from Debian, when missing.
missing=()
for p in clang libclang-rt-14-dev cmake make pkg-config libboost-program-options-dev \
  libprotobuf-dev protobuf-compiler zlib1g-dev libre2-dev libgtest-dev libcurl4-openssl-dev; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "fuzz: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" > /dev/null
fi

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DBUILD_FUZZERS=ON -DSANITIZE=ON > /dev/null
all=$(cmake --build "$BUILD" --target help | sed -n 's/^\.\.\. \(.*\)_fuzzer$/\1/p' | sort)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # shellcheck disable=SC2206
  targets=($all)
fi
build_targets=()
for t in "${targets[@]}"; do
  if ! grep -qx "$t" <<< "$all"; then
    echo "fuzz: unknown target $t (have: $(echo $all))" >&2
    exit 2
  fi
  build_targets+=("${t}_fuzzer")
done
JOBS="$(nproc 2> /dev/null || echo 2)"
cmake --build "$BUILD" -j "$JOBS" --target "${build_targets[@]}" -- --no-print-directory 2>&1 |
  grep -Ev '^\[ *[0-9]+%\]|^(Consolidate|Scanning|Built target)' || true
test "${PIPESTATUS[0]}" -eq 0

mkdir -p "$BUILD/crashes"

# run_one TARGET: fuzzes it for SECONDS_PER_TARGET and writes its summary
# line (and, on a failure, the first lines of the report) to
# $BUILD/fuzz-TARGET.result.
run_one() {
  local t="$1"
  local corpus="$BUILD/corpus/$t" seeds="$ROOT/testdata/fuzz/$t"
  local log="$BUILD/fuzz-$t.log" result="$BUILD/fuzz-$t.result"
  mkdir -p "$corpus"
  if ! "$BUILD/tests/fuzz/${t}_fuzzer" "$corpus" "$seeds" -max_total_time="$SECONDS_PER_TARGET" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/crashes/$t-" > "$log" 2>&1; then
    { echo "fuzz: $t: FAILED (see $log and $BUILD/crashes/)"
      grep -m 3 -E 'ERROR|SUMMARY|Test unit written' "$log" || true; } > "$result"
  else
    local execs cov
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+.*cov:' "$log" | tail -n 1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
    echo "fuzz: $t: ok, ${SECONDS_PER_TARGET}s, ${execs:-?} execs, cov ${cov:-?}, corpus $(ls "$corpus" | wc -l)" > "$result"
  fi
}

# Each fuzzer is one process on one core: run as many at once as there are
# cores (the CI smoke run takes half the time on two), then report in order.
running=0
for t in "${targets[@]}"; do
  rm -f "$BUILD/fuzz-$t.result"
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
status=0
for t in "${targets[@]}"; do
  if [ -f "$BUILD/fuzz-$t.result" ]; then
    cat "$BUILD/fuzz-$t.result"
    grep -q "^fuzz: $t: FAILED" "$BUILD/fuzz-$t.result" && status=1
  else
    echo "fuzz: $t: FAILED (no result)"
    status=1
  fi
done
exit $status
