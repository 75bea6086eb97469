#!/usr/bin/env bash
# Every legacy format pprof reads (its profile/legacy_profile.go), through
# the built binaries as a user types them (no --format): heapdiff FILE is
# `go tool pprof -symbolize=none -top FILE` byte for byte (and
# --granularity addresses is -addresses), and stackfold's total for each
# sample type is the sum of that column in pprof's -raw. pprof's outputs
# are stored beside the fixtures (testdata/legacy/make_expected.sh), so no
# Go is needed. Usage: legacy_formats_e2e.sh HEAPDIFF STACKFOLD LEGACY_DIR
set -euo pipefail
H="$1"
SF="$2"
D="$3"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export TZ=UTC
fail=0
check() {  # name, then a command whose success means the check passed
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

# The sum of each value column of pprof -raw's samples, one per line.
raw_totals() {
  awk '/^Samples:/ { s = 1; getline; next } /^Locations/ { s = 0 }
       s && /^ *-?[0-9]+( +-?[0-9]+)*:/ {
         sub(/:.*/, ""); n = split($0, v, " ")
         for (i = 1; i <= n; i++) t[i] += v[i]; cols = n }
       END { for (i = 1; i <= cols; i++) printf "%d\n", t[i] }' "$1"
}
# stackfold's total for each sample index, one per line.
fold_totals() {
  local f="$1" n="$2" i
  for ((i = 0; i < n; i++)); do
    "$SF" --sample-index "$i" "$f" | awk '{ t += $NF } END { printf "%d\n", t }'
  done
}

# An address-only twin (Go's "#" lines removed) is what pprof sees with
# -symbolize=none; the fixture itself is named from its "#" lines.
twin() {
  case "$1" in
    mutex.debug1.txt | block.debug1.txt) echo "${1%.txt}.nosym.txt" ;;
    *) echo "$1" ;;
  esac
}

for f in tcmalloc.heap heap_v2.heap growthz.heap contention.txt threadz.txt \
         threadcreate.txt goroutine.txt cpu.prof mutex.debug1.txt \
         block.debug1.txt; do
  in="$D/$(twin "$f")"
  "$H" "$in" > "$T/top" 2> "$T/err"
  check "$f: heapdiff = pprof -top" cmp -s "$T/top" "$D/$f.pprof-top.txt"
  check "$f: nothing on stderr" test ! -s "$T/err"
  "$H" --granularity addresses "$in" > "$T/addr"
  check "$f: --granularity addresses = pprof -addresses" \
    cmp -s "$T/addr" "$D/$f.pprof-addresses.txt"
  raw_totals "$D/$f.pprof-raw.txt" > "$T/want"
  fold_totals "$D/$f" "$(wc -l < "$T/want")" > "$T/got"
  check "$f: stackfold totals = pprof -raw" diff "$T/want" "$T/got"
done

# Named from Go's "#" lines: the same totals as pprof, inlined frames kept.
"$H" "$D/mutex.debug1.txt" > "$T/mutex"
check "mutex names: header = pprof" diff <(sed -n 1,2p "$T/mutex") \
  <(sed -n 1,2p "$D/mutex.debug1.txt.pprof-top.txt")
check "mutex names: inlined Unlock" \
  grep -qE '^ +92.97ms +100% +100% +92.97ms +100%  sync.\(\*Mutex\).Unlock \(inline\)$' "$T/mutex"
"$SF" "$D/block.debug1.txt" > "$T/block.folded"
check "block names: folded" grep -qx 'main.waitOnChannel;runtime.chanrecv1 60056780' "$T/block.folded"
"$SF" --sample-index contentions "$D/block.debug1.txt" > "$T/block.n"
check "block names: contentions" grep -qx 'main.contend;main.holdLock;sync.(\*Mutex).Lock 79' "$T/block.n"

# Mappings: the File: line, [mapping] nodes, the signal handler's frame
# and a duplicated leaf gone from the CPU profile.
"$H" "$D/tcmalloc.heap" > "$T/tc.heap"
check "gperftools heap: File: line" grep -qx 'File: server' "$T/tc.heap"
check "gperftools heap: mapping node" grep -qE "^ +2kB 22.22% +100% +2kB 22.22%  \[libtcmalloc.so.4.5.9\]$" "$T/tc.heap"
"$SF" "$D/cpu.prof" > "$T/cpu.folded"
check "cpu: handler frame stripped" bash -c "! grep -q 0x7f0a1c03b4 '$T/cpu.folded'"
check "cpu: duplicated leaf removed" grep -qx '0x7f0a1c02a1ca;0x402c20;0x7f0a1c0e5a10 250000000' "$T/cpu.folded"

# A record pprof refuses is skipped and counted; the rest is read.
printf 'threadcreate profile: total 3\n2 @ 0x43a8c5 0x4671e1\n1 @\n' > "$T/tc.txt"
"$H" "$T/tc.txt" > "$T/tc.top" 2> "$T/tc.err"
check "bad record: warning" grep -qx "heapdiff: warning: skipped 1 malformed line (first: $T/tc.txt:3: malformed record)" "$T/tc.err"
check "bad record: rest read" grep -q 'Showing nodes accounting for 2, 100% of 2 total' "$T/tc.top"

# A binary CPU profile cut inside a record: the records before it count.
head -c 100 "$D/cpu.prof" > "$T/cut.prof"
"$H" "$T/cut.prof" > "$T/cut.top" 2> "$T/cut.err"
check "cut cpu: first record read" grep -q 'Showing nodes accounting for 1.20s, 100% of 1.20s total' "$T/cut.top"
check "cut cpu: warned with the byte" grep -qxF "heapdiff: warning: skipped 1 malformed line (first: $T/cut.prof:0: binary record cut off by the end of the data at byte 96)" "$T/cut.err"

# Java's legacy CPU profile (third header word 1) is refused by name.
printf '\0\0\0\0\3\0\0\0\1\0\0\0\144\0\0\0\0\0\0\0' > "$T/java.prof"
rc=0; "$H" "$T/java.prof" > /dev/null 2> "$T/java.err" || rc=$?
check "java cpu: exit 2" test "$rc" = 2
check "java cpu: message" grep -qxF "heapdiff: $T/java.prof: a Java legacy CPU profile: not supported" "$T/java.err"
rc=0; "$SF" "$T/java.prof" > /dev/null 2> "$T/java.err" || rc=$?
check "java cpu: stackfold says so" grep -qxF "stackfold: $T/java.prof: a Java legacy CPU profile: not supported" "$T/java.err"

exit $fail
