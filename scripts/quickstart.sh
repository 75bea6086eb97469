#!/usr/bin/env bash
# For users, the first run on a fresh machine: installs what is missing
# (Debian packages), builds the tools (not the tests: scripts/test.sh does
# that) into build/ with progress lines, runs each tool on the bundled
# samples in testdata/, and ends with the commands to type on an incident.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
TOOLS="stackfold flamesvg heapdiff goleak-cluster spikewatch"
case "${1:-}" in
  -h|--help) sed -n 2,5p "$0" | sed 's/^# \?//'; echo
    echo "Usage: scripts/quickstart.sh      (no options; contributors: scripts/test.sh)"
    echo "Examples:"
    echo "  scripts/quickstart.sh"
    echo "  scripts/quickstart.sh && cmake --install build --prefix ~/.local"
    exit 0 ;;
  "") ;;
  *) echo "quickstart: unknown argument $1 (see --help)" >&2; exit 2 ;;
esac

echo "quickstart: 1/3 checking packages (apt-get when one is missing) ..." >&2
echo "quickstart: 2/3 building $TOOLS into $BUILD ..." >&2
BUILD_DIR="$BUILD" BUILD_TARGETS="$TOOLS" SETUP_PROGRESS=1 bash "$ROOT/scripts/setup.sh"

echo "quickstart: 3/3 running the tools on the bundled samples ..." >&2
OUT="$BUILD/samples"
mkdir -p "$OUT"
bin() { echo "$BUILD/cmd/$1/$1"; }
ran=()
sf=$(bin stackfold)
"$sf" "$ROOT/testdata/perf/go.perf.txt" > "$OUT/go.folded"
ran+=("stackfold      testdata/perf/go.perf.txt -> $OUT/go.folded ($(wc -l < "$OUT/go.folded") stacks)")
"$(bin flamesvg)" --title "Go service CPU" "$OUT/go.folded" > "$OUT/go.svg"
ran+=("flamesvg       $OUT/go.folded -> $OUT/go.svg (open it in a browser)")
"$(bin heapdiff)" "$ROOT/testdata/heapdiff/1.heap" "$ROOT/testdata/heapdiff/2.heap" > "$OUT/heapdiff.txt"
ran+=("heapdiff       testdata/heapdiff/{1,2}.heap -> $OUT/heapdiff.txt")
"$(bin heapdiff)" --folded "$ROOT/testdata/heapdiff/1.heap" "$ROOT/testdata/heapdiff/2.heap" |
  "$(bin flamesvg)" --diff --title "Heap growth" > "$OUT/heapdiff.svg"
ran+=("heapdiff --folded | flamesvg --diff -> $OUT/heapdiff.svg")
dump="$ROOT/testdata/goleak-cluster/nil-chan-select.debug2.txt"
"$(bin goleak-cluster)" --color=never "$dump" > "$OUT/goleak.txt"
ran+=("goleak-cluster ${dump#"$ROOT"/} -> $OUT/goleak.txt")
"$sf" "$dump" | "$(bin flamesvg)" --countname goroutines --title "Goroutines" > "$OUT/goroutines.svg"
ran+=("stackfold | flamesvg  the same dump -> $OUT/goroutines.svg")

echo "Built the tools in $BUILD/cmd/ and ran them on the bundled samples:"
printf '  %s\n' "${ran[@]}"
cat <<EOF

On your PATH (optional; the scripts also run from here as scripts/NAME.sh):
  cmake --install build --prefix ~/.local

When a Go service misbehaves (it serves net/http/pprof on host:port):
  scripts/go-collect.sh localhost:6060                 # everything at once; the verdict last, index.html
  scripts/go-cpu-flame.sh -d 30s localhost:6060        # CPU: its own code first, a flame graph
  scripts/go-heap-diff.sh -n 3 -i 5m localhost:6060    # heap: what keeps growing
  scripts/go-leak-check.sh -i 5m localhost:6060        # goroutines: which stuck groups grow
Any other process, with perf:
  scripts/perf-flame.sh -p PID -d 30s
Contributors: scripts/test.sh runs every test.
EOF
