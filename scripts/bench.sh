#!/usr/bin/env bash
# Speed and memory of every tool on the large real inputs in ../shared/bench,
# each next to a baseline measured in the same run. Not a test: read the
# figures. Usage: scripts/bench.sh [--baseline REV] [stackfold flamesvg ...]
# --baseline REV builds commit REV (e.g. origin/main, HEAD~3) in a scratch
# worktree and measures its tools beside this build's, in the same run.
# Env: RUNS (default 5), SHARED_DIR, BUILD_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { sed -n 2,7p "$0"; exit 0; }
source "$ROOT/scripts/bench_lib.sh"
if [ "${1:-}" = "--baseline" ]; then
  rev="${2:?--baseline needs a commit}"
  shift 2
  sha=$(git -C "$ROOT" rev-parse --short "$rev")
  src="$BENCH_TMP/baseline-src-$sha"
  [ -d "$src" ] || git -C "$ROOT" worktree add -f --detach "$src" "$sha" > /dev/null
  export BASELINE_BUILD_DIR="$BENCH_TMP/baseline-build-$sha"
  export BASELINE_LABEL="baseline $rev ($sha)"
  cmake -S "$src" -B "$BASELINE_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$BASELINE_BUILD_DIR" -j "$(nproc)" --target stackfold \
    flamesvg heapdiff goleak-cluster > /dev/null
  echo "baseline: $BASELINE_LABEL, built in $BASELINE_BUILD_DIR"
fi
tools=("$@")
[ ${#tools[@]} -eq 0 ] && tools=(stackfold flamesvg heapdiff goleak)
echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "${tools[@]}"; do
  script="$ROOT/scripts/bench_$t.sh"
  if [ -f "$script" ]; then bash "$script"; else echo "$t: no $script"; fi
done
