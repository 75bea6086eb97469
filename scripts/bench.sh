#!/usr/bin/env bash
# Speed and memory of every tool on the large real inputs in ../shared/bench,
# each next to a baseline measured in the same run. Not a test: read the
# figures. Usage: scripts/bench.sh [stackfold flamesvg heapdiff goleak ...]
# Env: RUNS (default 5), SHARED_DIR, BUILD_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { sed -n 2,5p "$0"; exit 0; }
tools=("$@")
[ ${#tools[@]} -eq 0 ] && tools=(stackfold flamesvg heapdiff goleak)
echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "${tools[@]}"; do
  script="$ROOT/scripts/bench_$t.sh"
  if [ -f "$script" ]; then bash "$script"; else echo "$t: no $script"; fi
done
