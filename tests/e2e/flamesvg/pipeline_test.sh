#!/usr/bin/env bash
# The pipeline users run: stackfold < perf.txt | flamesvg > out.svg, on the
# shared perf recordings. Each graph must be well-formed and, where
# stackfold reproduces stackcollapse-perf.pl's folded reference, byte-for-byte
# the graph flamesvg draws from that reference.
# Usage: pipeline_test.sh STACKFOLD FLAMESVG SHARED_DIR
set -euo pipefail
STACKFOLD="$1"
FLAMESVG="$2"
dir="$3/testdata/perf"
if [ ! -d "$dir" ]; then
  echo "SKIPPED: $dir is absent"
  exit 77
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
n=0
for c in go/go kernel/syscalls kernel/system-wide node-jit/node-jit \
         multi-event/cpu-faults tracepoint/sched-switch edge/stripped \
         cpp-fp/cpp-fp threads/threads; do
  perf="$dir/$c.perf.txt"
  [ -f "$perf" ] || perf="$perf.gz"
  name=$(basename "$c")
  "$STACKFOLD" < "$perf" 2> /dev/null | "$FLAMESVG" > "$TMP/$name.svg" ||
    fail "$c: pipeline failed"
  if command -v xmllint > /dev/null; then
    xmllint --noout "$TMP/$name.svg" || fail "$c: not well-formed"
  fi
  grep -q '<title>all (' "$TMP/$name.svg" || fail "$c: no frames"
  # node-jit's C++ names have '(' inside templates, which stackfold keeps
  # (README deliberate difference 8; its exact relation to the reference is
  # tested in tests/perf/conformance_test.cc), so its graph is not compared.
  case "$c" in
    go/go|kernel/*)
      "$FLAMESVG" "$dir/$c.folded-default.txt" | cmp -s - "$TMP/$name.svg" ||
        fail "$c: pipeline graph differs from the graph of the reference" ;;
  esac
  n=$((n + 1))
done

# perf's annotations (stackfold --kernel / --jit, like stackcollapse-perf.pl)
# are shown without "_[k]" / "_[j]": the annotated graph is the plain one
# but for colours (which hash the whole name), and --colors java paints the
# kernel frames orange, rgb(r, g, 0).
for c in kernel/syscalls node-jit/node-jit; do
  perf="$dir/$c.perf.txt"
  [ -f "$perf" ] || perf="$perf.gz"
  name=$(basename "$c")
  "$STACKFOLD" --kernel --jit < "$perf" 2> /dev/null > "$TMP/$name.annotated"
  grep -q '_\[[kj]\]' "$TMP/$name.annotated" || fail "$c: no annotations to test"
  "$FLAMESVG" "$TMP/$name.annotated" > "$TMP/$name-annotated.svg"
  [ "$(grep -c '_\[[kjiw]\]' "$TMP/$name-annotated.svg")" = 0 ] ||
    fail "$c: annotations shown in the SVG"
  cmp -s <(sed 's/ fill="[^"]*"//' "$TMP/$name.svg") \
    <(sed 's/ fill="[^"]*"//' "$TMP/$name-annotated.svg") ||
    fail "$c: annotated graph differs from the plain one (beyond colours)"
  n=$((n + 1))
done
"$FLAMESVG" --colors java "$TMP/syscalls.annotated" > "$TMP/java.svg"
kernel_fill=$(grep -A1 '<title>do_syscall_64 (' "$TMP/java.svg" | head -2 |
  grep -o 'fill="rgb([0-9]*,[0-9]*,0)"' | head -1)
[ -n "$kernel_fill" ] || fail "--colors java: kernel frame not orange"
echo "OK: $n pipelines"
