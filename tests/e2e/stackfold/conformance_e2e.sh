#!/usr/bin/env bash
# Every shared stackcollapse-perf conformance case through the built binary,
# as a user types it: `stackfold --OPT FILE`, no --format, format detected by
# content. The output must equal the reference collapser's byte for byte.
# The reference drops a last sample that no blank line ends (our deliberate
# difference 1, tested in tests/perf/conformance_test.cc), so each input is
# first cut after its last blank line, and the cut file is read through a
# pipe. A second loop checks that the whole, uncut file is never refused.
# Usage: conformance_e2e.sh STACKFOLD SHARED_DIR
set -uo pipefail
SF="$1"
DIR="$2/conformance/stackcollapse-perf"
if [ ! -d "$DIR/results" ]; then
  echo "SKIP: $DIR not found (the shared conformance suite is not beside the repo)"
  exit 0
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0 cases=0
for input in "$DIR"/*.txt; do
  name="$(basename "$input" .txt)"
  python3 -c 'import sys; d = sys.stdin.buffer.read(); i = d.rfind(b"\n\n")
sys.stdout.buffer.write(d if i < 0 else d[:i + 2])' < "$input" > "$TMP/cut"
  for want in "$DIR/results/$name"-collapsed-*.txt; do
    opt="${want##*-collapsed-}"
    opt="${opt%.txt}"
    cases=$((cases + 1))
    cat "$TMP/cut" | "$SF" "--$opt" > "$TMP/got" 2> "$TMP/err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
      echo "FAIL $name --$opt: exit status $rc: $(head -c 300 "$TMP/err")"
      failures=$((failures + 1))
    elif ! cmp -s "$TMP/got" "$want"; then
      echo "FAIL $name --$opt: output differs from the reference:"
      diff "$want" "$TMP/got" | head -5
      failures=$((failures + 1))
    fi
  done
  cases=$((cases + 1))
  if ! "$SF" "$input" > "$TMP/got" 2> "$TMP/err" || [ ! -s "$TMP/got" ]; then
    echo "FAIL $name (whole file): refused or empty: $(head -c 300 "$TMP/err")"
    failures=$((failures + 1))
  fi
done
echo "stackfold conformance through the binary: $((cases - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
