#!/usr/bin/env bash
# First run on a fresh machine: installs what is missing (Debian packages),
# builds into build/, then runs every tool on the bundled samples in
# testdata/ and says where the outputs are (build/samples/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { sed -n 2,4p "$0"; exit 0; }

BUILD_DIR="$BUILD" bash "$ROOT/scripts/setup.sh"

OUT="$BUILD/samples"
mkdir -p "$OUT"
bin() { echo "$BUILD/cmd/$1/$1"; }
ran=()

sf=$(bin stackfold)
"$sf" "$ROOT/testdata/perf/go.perf.txt" > "$OUT/go.folded"
ran+=("stackfold      testdata/perf/go.perf.txt -> $OUT/go.folded ($(wc -l < "$OUT/go.folded") stacks)")

if [ -x "$(bin flamesvg)" ]; then
  "$(bin flamesvg)" --title "Go service CPU" "$OUT/go.folded" > "$OUT/go.svg"
  ran+=("flamesvg       $OUT/go.folded -> $OUT/go.svg (open it in a browser)")
fi
if [ -x "$(bin heapdiff)" ] && [ -f "$ROOT/testdata/heapdiff/1.heap" ]; then
  "$(bin heapdiff)" "$ROOT/testdata/heapdiff/1.heap" "$ROOT/testdata/heapdiff/2.heap" \
    > "$OUT/heapdiff.txt"
  ran+=("heapdiff       testdata/heapdiff/{1,2}.heap -> $OUT/heapdiff.txt")
  "$(bin heapdiff)" --folded "$ROOT/testdata/heapdiff/1.heap" "$ROOT/testdata/heapdiff/2.heap" |
    "$(bin flamesvg)" --diff --title "Heap growth" > "$OUT/heapdiff.svg"
  ran+=("heapdiff --folded | flamesvg --diff -> $OUT/heapdiff.svg")
fi
dump="$ROOT/testdata/goleak-cluster/nil-chan-select.debug2.txt"
if [ -x "$(bin goleak-cluster)" ] && [ -f "$dump" ]; then
  "$(bin goleak-cluster)" --color=never "$dump" > "$OUT/goleak.txt"
  ran+=("goleak-cluster ${dump#"$ROOT"/} -> $OUT/goleak.txt")
  "$sf" "$dump" | "$(bin flamesvg)" --countname goroutines --title "Goroutines" > "$OUT/goroutines.svg"
  ran+=("stackfold | flamesvg  the same dump -> $OUT/goroutines.svg")
fi

echo "Built the tools in $BUILD/cmd/ and ran them on the bundled samples:"
printf '  %s\n' "${ran[@]}"
echo "Try: $sf --help"
