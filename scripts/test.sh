#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, conformance,
# end-to-end). With --sanitize, builds into build-asan/ with AddressSanitizer
# and UBSan and runs the suite there too. With --fuzz-smoke SECONDS, then
# builds the libFuzzer targets and runs each for SECONDS (scripts/fuzz.sh);
# any crash fails. CI (.ci/run) runs: scripts/test.sh --sanitize --fuzz-smoke 20
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SANITIZE=0
FUZZ_SECONDS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) SANITIZE=1 ;;
    --fuzz-smoke)
      FUZZ_SECONDS="${2:-}"
      shift
      [[ "$FUZZ_SECONDS" =~ ^[0-9]+$ ]] ||
        { echo "test.sh: --fuzz-smoke wants a number of seconds" >&2; exit 2; } ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

export EXTRA_PACKAGES="${EXTRA_PACKAGES:-chromium golang-go panicparse linux-perf}"
JOBS="$(nproc 2>/dev/null || echo 2)"

BUILD_DIR="$ROOT/build" bash "$ROOT/scripts/setup.sh"
(cd "$ROOT/build" && ctest --output-on-failure -j "$JOBS")

if [ "$SANITIZE" = 1 ]; then
  BUILD_DIR="$ROOT/build-asan" BUILD_TYPE=Debug CMAKE_ARGS="-DSANITIZE=ON" \
    EXTRA_PACKAGES="" bash "$ROOT/scripts/setup.sh"
  (cd "$ROOT/build-asan" &&
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --output-on-failure -j "$JOBS")
fi

if [ "$FUZZ_SECONDS" -gt 0 ]; then
  bash "$ROOT/scripts/fuzz.sh" "$FUZZ_SECONDS"
fi
