#!/usr/bin/env bash
# stackfold on DTrace stack text and on every legacy pprof format, as a user
# types it (no --format), and what a forced wrong format says.
# Usage: legacy_dtrace_e2e.sh STACKFOLD TESTDATA_DIR
set -euo pipefail
SF="$1"
D="$2"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail=0
check() {  # name, then a command whose success means the check passed
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

"$SF" "$D/dtrace/ustack.txt" > "$T/out" 2> "$T/err"
check "dtrace = expected" cmp -s "$T/out" "$D/dtrace/ustack.folded"
check "dtrace: nothing on stderr" test ! -s "$T/err"
gzip -c "$D/dtrace/ustack.txt" | "$SF" > "$T/gz"
check "dtrace gzipped on stdin" cmp -s "$T/gz" "$D/dtrace/ustack.folded"
check "dtrace: C++ args cut, template kept" grep -q ";node\`v8::internal::Heap::AllocateRaw<v8::internal::AllocationType>;node\`v8::internal::Heap::CollectGarbage 3$" "$T/out"

# The wrong format forced: exit 2, naming what the file looks like.
rc=0; "$SF" --format perf "$D/dtrace/ustack.txt" > "$T/o" 2> "$T/e" || rc=$?
check "dtrace as perf: exit 2" test "$rc" = 2
check "dtrace as perf: no output" test ! -s "$T/o"
check "dtrace as perf: says what it is" grep -qF "; it looks like DTrace stack text (--format dtrace, or no --format)" "$T/e"

# A stack the input ends without a count for is counted as malformed.
printf 'CPU ID\n\n  a`f+0x1\n  3\n  b`g+0x2\n' > "$T/cut.txt"
"$SF" "$T/cut.txt" > "$T/cut" 2> "$T/cut.err"
check "dtrace cut off: the rest" grep -qx 'a`f 3' "$T/cut"
check "dtrace cut off: warned" grep -qF "skipped 1 malformed line (first: $T/cut.txt:5: stack without a count)" "$T/cut.err"

# Hostile: a 100,000-frame stack, and a frame with NUL and invalid UTF-8.
{ printf 'CPU ID\n\n'; for ((i = 0; i < 100000; i++)); do echo "  m\`f$i+0x1"; done; echo '  9'; } > "$T/deep.txt"
"$SF" "$T/deep.txt" > "$T/deep" 2> "$T/deep.err"
check "dtrace 100k frames: one stack" test "$(wc -l < "$T/deep")" = 1
bt='`'
check "dtrace 100k frames: root first" test "$(head -c 14 "$T/deep")" = "m${bt}f99999;m${bt}f99"
check "dtrace 100k frames: leaf, count" test "$(tail -c 8 "$T/deep")" = ";m${bt}f0 9"
printf 'CPU ID\n\n  m`a\0b\xff+0x1\n  2\n' > "$T/nul.txt"
"$SF" --format dtrace "$T/nul.txt" > "$T/nul" 2> "$T/nul.err"
check "dtrace NUL and bad UTF-8: kept as bytes" cmp -s "$T/nul" <(printf 'm`a\0b\xff 2\n')

# Folded text with one junk line in three: no probe is sure, the folded
# parser reads it with clearly the fewest bad lines.
printf 'a;b 3\njunk here\nc;d 4\n' > "$T/junk.folded"
"$SF" "$T/junk.folded" > "$T/junk" 2> "$T/junk.err"
check "junk folded: read" diff "$T/junk" <(printf 'a;b 3\nc;d 4\n')
check "junk folded: warned" grep -qF "skipped 1 malformed line (first: $T/junk.folded:2:" "$T/junk.err"
# Mostly junk: can't tell, and says what each parser made of it.
rc=0; printf 'main;x 1\nfoo bar\nbaz\nqux\n' | "$SF" > /dev/null 2> "$T/e" || rc=$?
check "mostly junk: exit 2" test "$rc" = 2
check "mostly junk: why" grep -qF "; no parser is clearly right: folded read 1 lines, rejected 3" "$T/e"

# Every legacy pprof format is detected and folded (totals: legacy e2e).
for f in tcmalloc.heap heap_v2.heap growthz.heap contention.txt threadz.txt \
         threadcreate.txt goroutine.txt cpu.prof mutex.debug1.txt \
         block.debug1.txt; do
  "$SF" "$D/legacy/$f" > "$T/l" 2> "$T/le"
  check "legacy $f: stacks, no warning" bash -c "[ -s '$T/l' ] && [ ! -s '$T/le' ]"
done
# Address-only count text keeps each record's own value and stack.
"$SF" "$D/legacy/threadcreate.txt" > "$T/tc"
check "address-only count text" diff "$T/tc" <(printf '0x4671e0;0x43b1f5;0x43a8c4 4\n0x4671e0;0x43b6b1;0x43b2a5;0x43a8c4 1\n')

exit $fail
