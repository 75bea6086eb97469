#!/usr/bin/env bash
# One goroutine -> folded converter: `stackfold DUMP` and
# `goleak-cluster --folded DUMP` print the same bytes for every dump, read
# through real pipes with the format detected by content (no --format).
# Usage: folded_matches_stackfold_e2e.sh STACKFOLD GOLEAK TESTDATA_DIR [SHARED_DIR]
set -euo pipefail
SF="$1"
GL="$2"
DATA="$3"
SHARED="${4:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

dumps=("$DATA"/goleak-cluster/*.debug2.txt "$DATA"/goleak-cluster/*.debug1.txt
       "$DATA"/goleak-cluster/*.stderr.txt "$DATA"/goleak-cluster/go123-forms.txt)
if [ -n "$SHARED" ] && [ -d "$SHARED/testdata/go" ]; then
  while IFS= read -r f; do dumps+=("$f"); done < <(
    find "$SHARED/testdata/go" -type f \( -name 'goroutine.debug?.txt' \
      -o -name '*.stderr.txt' -o -name '*.stderr.txt.gz' \) | sort)
fi
checked=0
for dump in "${dumps[@]}"; do
  [ -f "$dump" ] || continue
  name="${dump#"$DATA"/}"
  if ! cat "$dump" | "$SF" >"$TMP/sf" 2>"$TMP/sf.err"; then
    fail "$name: stackfold failed: $(cat "$TMP/sf.err")"
    continue
  fi
  if ! cat "$dump" | "$GL" --folded >"$TMP/gl" 2>"$TMP/gl.err"; then
    fail "$name: goleak-cluster --folded failed: $(cat "$TMP/gl.err")"
    continue
  fi
  [ -s "$TMP/sf" ] || fail "$name: empty output"
  if ! cmp -s "$TMP/sf" "$TMP/gl"; then
    fail "$name: stackfold and goleak-cluster --folded differ"
    diff "$TMP/sf" "$TMP/gl" | head -n 10 >&2 || true
  fi
  checked=$((checked + 1))
done

# The goroutine running on another thread folds the same in both tools.
cat "$DATA/goleak-cluster/go123-forms.txt" | "$GL" --folded >"$TMP/gl"
grep -qxF '[stack unavailable];[running] 1' "$TMP/gl" ||
  fail "go123-forms: no '[stack unavailable];[running] 1' line"

[ "$checked" -ge 5 ] || fail "only $checked dumps checked"
if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "folded output of stackfold and goleak-cluster: $checked dumps identical"
