#!/usr/bin/env bash
# End-to-end: the built stackfold through real pipes, files and failures.
# Usage: stackfold_e2e.sh STACKFOLD TESTDATA_DIR [SHARED_DIR FLAMESVG]
set -uo pipefail
SF="$1"
DATA="$2/perf"
SHARED="${3:-}"
FLAMESVG="${4:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect_eq NAME GOT WANT
expect_eq() { [ "$2" == "$3" ] || fail "$1: got [${2:0:300}] want [${3:0:300}]"; }

# 1. Byte-identical to the reference on the bundled Go sample, from a file,
#    from stdin, and gzipped through a pipe.
"$SF" "$DATA/go.perf.txt" > "$TMP/a" 2> "$TMP/err"
expect_eq "exit status (file)" "$?" 0
cmp -s "$TMP/a" "$DATA/go.folded-reference.txt" || fail "file output differs from reference"
"$SF" < "$DATA/go.perf.txt" | cmp -s - "$DATA/go.folded-reference.txt" || fail "stdin output differs"
gzip -c "$DATA/go.perf.txt" | "$SF" | cmp -s - "$DATA/go.folded-reference.txt" || fail "gzip pipe output differs"
gzip -c "$DATA/go.perf.txt" > "$TMP/sample.txt"  # gzip under a misleading name
"$SF" "$TMP/sample.txt" | cmp -s - "$DATA/go.folded-reference.txt" || fail "gzip detected by name"
expect_eq "no stderr on clean input" "$(cat "$TMP/err")" ""

# 2. Several files are merged: counts of two copies are doubled.
"$SF" "$DATA/go.perf.txt" - < "$DATA/go.perf.txt" > "$TMP/two"
want=$(awk '{ $NF = $NF * 2; print }' "$DATA/go.folded-reference.txt")
expect_eq "two inputs merged" "$(cat "$TMP/two")" "$want"

# 3. --threads does not change the output.
for t in 1 2 5; do
  "$SF" --threads $t "$DATA/threads-pidtid.perf.txt" > "$TMP/t$t"
done
cmp -s "$TMP/t1" "$TMP/t2" && cmp -s "$TMP/t1" "$TMP/t5" || fail "--threads changes output"
grep -q '^pool_worker_1-14028/14035;' <(
  "$SF" --tid "$DATA/threads-pidtid.perf.txt") || fail "--tid comm with spaces"

# 4. Unreadable inputs: exit 2 and a message naming the file.
"$SF" "$TMP/does-not-exist" > "$TMP/out" 2> "$TMP/err"
expect_eq "missing file status" "$?" 2
expect_eq "missing file message" "$(cat "$TMP/err")" \
  "stackfold: $TMP/does-not-exist: No such file or directory"
"$SF" "$TMP" > /dev/null 2> "$TMP/err"
expect_eq "directory status" "$?" 2
expect_eq "directory message" "$(cat "$TMP/err")" "stackfold: $TMP: is a directory"
gzip -c "$DATA/go.perf.txt" | head -c 20000 > "$TMP/trunc.gz"
"$SF" "$TMP/trunc.gz" > /dev/null 2> "$TMP/err"
expect_eq "truncated gzip status" "$?" 2
grep -q "^stackfold: $TMP/trunc.gz: truncated gzip data (ends at byte 20000)$" "$TMP/err" ||
  fail "truncated gzip message: $(cat "$TMP/err")"

# 5. Garbage around good samples: good ones kept, one summary line, exit 0;
#    --strict makes the first bad line fatal.
{ printf 'garbage\n\x00\x01binary\n\n'; cat "$DATA/go.perf.txt"; printf 'junk at the end\n'; } > "$TMP/mixed"
"$SF" "$TMP/mixed" > "$TMP/out" 2> "$TMP/err"
expect_eq "mixed status" "$?" 0
cmp -s "$TMP/out" "$DATA/go.folded-reference.txt" || fail "good samples lost next to garbage"
expect_eq "mixed summary" "$(cat "$TMP/err")" \
  "stackfold: warning: skipped 3 malformed lines (first: $TMP/mixed:1: not a sample header, and not inside a sample)"
"$SF" --strict "$TMP/mixed" > "$TMP/out" 2> "$TMP/err"
expect_eq "strict status" "$?" 2
expect_eq "strict message" "$(cat "$TMP/err")" \
  "stackfold: malformed line at $TMP/mixed:1: not a sample header, and not inside a sample"
expect_eq "strict writes nothing" "$(wc -c < "$TMP/out")" 0

# 6. Empty input: empty output, exit 0.
"$SF" < /dev/null > "$TMP/out" 2> "$TMP/err"
expect_eq "empty status" "$?" 0
expect_eq "empty output" "$(wc -c < "$TMP/out")" 0

# 7. Usage: --help, --version, a bad option.
"$SF" --help | grep -q '^Usage: stackfold' || fail "--help"
"$SF" --version | grep -Eq '^stackfold [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
"$SF" --no-such-option > /dev/null 2> "$TMP/err"
expect_eq "bad option status" "$?" 2
grep -q "^stackfold: .*no-such-option.* (try --help)$" "$TMP/err" || fail "bad option message: $(cat "$TMP/err")"

# 8. A closed pipe downstream ends stackfold promptly.
for i in 1 2 3 4 5 6 7 8; do cat "$DATA/go.perf.txt"; done > "$TMP/big"
timeout 20 bash -c "'$SF' '$TMP/big' | head -n 1 > '$TMP/head'"
expect_eq "pipe closed early" "$(wc -l < "$TMP/head")" 1

# 8b. A bad line inside a goroutine dump: counted, named, neighbours kept.
printf 'goroutine 1 [running]:\nmain.main()\n\t/a.go:3 +0x1\n\n??? junk\ngoroutine 2 [select]:\nmain.w()\n\t/a.go:9 +0x1\n' > "$TMP/gd.txt"
"$SF" "$TMP/gd.txt" > "$TMP/out" 2> "$TMP/err"
expect_eq "dump with a bad line" "$(cat "$TMP/out")" "$(printf 'main.main;[running] 1\nmain.w;[select] 1')"
expect_eq "dump bad-line summary" "$(cat "$TMP/err")" \
  "stackfold: warning: skipped 1 malformed line (first: $TMP/gd.txt:5: not part of a goroutine dump)"

# 8b2. A file read as a format it is not (a forced --format): nothing valid,
#      so exit 2 and say so (and what it looks like), not an empty output
#      with exit 0.
"$SF" --format perf "$TMP/gd.txt" > "$TMP/out" 2> "$TMP/err"
expect_eq "forced wrong format: exit" "$?" 2
expect_eq "forced wrong format: output" "$(cat "$TMP/out")" ""
expect_eq "forced wrong format: message" "$(cat "$TMP/err")" \
  "stackfold: $TMP/gd.txt: nothing valid read as perf (7 malformed lines, first: $TMP/gd.txt:1: not a sample header, and not inside a sample); it looks like a goroutine dump (--format goroutines, or no --format)"

# 8c. Detection looks past 64 KiB: a goroutine dump after 100 KiB of log
#     output is still found (stackfold folds it as it would the dump alone).
{ for i in $(seq 2000); do echo "2026/12/01 03:00:00 request $i served in ${i}ms"; done
  cat "$TMP/gd.txt"; } > "$TMP/logged.txt"
"$SF" "$TMP/logged.txt" > "$TMP/out" 2> "$TMP/err"
expect_eq "dump after a long log: exit" "$?" 0
expect_eq "dump after a long log" "$(cat "$TMP/out")" "$(printf 'main.main;[running] 1\nmain.w;[select] 1')"

# 8d. Folded text with "#" metadata lines (austin writes them): skipped,
#     neither a frame nor a malformed line.
printf '# interval: 100\n# duration: 23873\nmain;work 5\nmain;idle 2\n' > "$TMP/meta.folded"
"$SF" "$TMP/meta.folded" > "$TMP/out" 2> "$TMP/err"
expect_eq "folded with # lines" "$(cat "$TMP/out")" "$(printf 'main;idle 2\nmain;work 5')"
expect_eq "folded with # lines: no warning" "$(cat "$TMP/err")" ""

# 9. Go inputs, detected by content (misleading names, stdin), each through
#    flamesvg to a well-formed SVG.
GO="$SHARED/testdata/go"
if [ -d "$GO" ]; then
  i=0
  for f in "$GO"/heap-leak/cpu.pb.gz "$GO"/heap-leak/1.heap "$GO"/heap-leak/1.heap.txt \
    "$GO"/lock-order-deadlock/mutex.pb.gz "$GO"/lock-order-deadlock/block.pb.gz \
    "$GO"/leaked-senders/goroutine.pb.gz "$GO"/leaked-senders/goroutine.debug1.txt \
    "$GO"/leaked-senders/goroutine.debug2.txt "$GO"/leaked-senders/sigquit.stderr.txt.gz \
    "$GO"/panic-crash/panic.stderr.txt "$GO"/heap-series/3.heap; do
    [ -f "$f" ] || { fail "missing fixture $f"; continue; }
    i=$((i + 1))
    cp "$f" "$TMP/input$i.perf.txt"  # a misleading name
    "$SF" "$TMP/input$i.perf.txt" > "$TMP/by-name" 2> "$TMP/err" || fail "$f: status $?: $(cat "$TMP/err")"
    "$SF" < "$f" > "$TMP/by-stdin" 2> /dev/null
    cmp -s "$TMP/by-name" "$TMP/by-stdin" || fail "$f: stdin and file differ"
    [ -s "$TMP/by-name" ] || fail "$f: no stacks"
    if [ -n "$FLAMESVG" ] && [ -x "$FLAMESVG" ]; then
      "$SF" "$f" | "$FLAMESVG" > "$TMP/x.svg" 2> "$TMP/err" || fail "$f | flamesvg: $(cat "$TMP/err")"
      if command -v xmllint > /dev/null; then
        xmllint --noout "$TMP/x.svg" 2> "$TMP/err" || fail "$f: SVG not well-formed: $(head -c 300 "$TMP/err")"
      fi
    fi
  done
  # --merge sums folded files: same as folding the concatenated inputs.
  "$SF" "$GO/heap-leak/1.heap" > "$TMP/m1"
  "$SF" "$GO/heap-leak/2.heap" > "$TMP/m2"
  "$SF" "$GO/heap-leak/1.heap" "$GO/heap-leak/2.heap" > "$TMP/both"
  "$SF" --merge "$TMP/m1" "$TMP/m2" | cmp -s - "$TMP/both" || fail "--merge != fold of both"
  cat "$TMP/m1" "$TMP/m2" | "$SF" | cmp -s - "$TMP/both" || fail "concatenated folded != fold of both"
  # Unknown input is refused with the list of formats.
  printf 'hello\nworld\n' > "$TMP/prose"
  "$SF" "$TMP/prose" > /dev/null 2> "$TMP/err"
  expect_eq "unknown format status" "$?" 2
  grep -q "input format not recognised" "$TMP/err" || fail "unknown format message: $(cat "$TMP/err")"
  "$SF" --format pprof "$TMP/prose" > /dev/null 2> "$TMP/err"
  expect_eq "forced pprof on text status" "$?" 2
else
  echo "SKIPPED Go input checks: $GO not found"
fi

# 9. `perf script -F ip,sym` (no header fields) is read without --format:
#    the stacks of the same recording printed with comm (nodso), minus the
#    comm root, one count per sample. The reference prints nothing here.
EDGE="$SHARED/testdata/perf/edge"
if [ -n "$SHARED" ] && [ -f "$EDGE/ip-sym-only.perf.txt" ]; then
  "$SF" "$EDGE/ip-sym-only.perf.txt" > "$TMP/ipsym" 2> "$TMP/err"
  expect_eq "ip-sym-only status" "$?" 0
  expect_eq "ip-sym-only stderr" "$(cat "$TMP/err")" ""
  "$SF" "$EDGE/nodso.perf.txt" | sed 's/^[^;]*;//' |
    awk '{n = $NF; $NF = ""; sub(/ $/, ""); c[$0] += n} END {for (s in c) print s " " c[s]}' |
    LC_ALL=C sort > "$TMP/ipsym-want"
  [ -s "$TMP/ipsym" ] || fail "ip-sym-only: empty output"
  cmp -s "$TMP/ipsym" "$TMP/ipsym-want" || fail "ip-sym-only: stacks differ from nodso's without comm: $(diff "$TMP/ipsym-want" "$TMP/ipsym" | head -3)"
else
  echo "SKIPPED ip-sym-only check: $EDGE not found"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all stackfold e2e checks passed"
