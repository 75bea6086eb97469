#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, conformance,
# end-to-end). With --sanitize, builds into build-asan/ with AddressSanitizer
# and UBSan and runs the suite there too. CI (.ci/run) runs: scripts/test.sh --sanitize
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SANITIZE=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) SANITIZE=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
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
