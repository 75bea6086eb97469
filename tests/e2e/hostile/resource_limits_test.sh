#!/usr/bin/env bash
# Resource limits (issue 8), at a scale that keeps the suite fast:
# 1. Streaming: ~200 MB (50 MB with sanitizers) of folded text with three distinct stacks, generated
#    on the fly into a pipe, through stackfold and flamesvg; and a dump of
#    300,000 goroutines (75,000 with sanitizers) of three kinds through goleak-cluster. Peak RSS must
#    stay far below the input size (memory grows with distinct stacks only).
# 2. Pathological: every sample a distinct 10,000-frame stack (200 samples,
#    2,000,000 distinct frames; 50 samples with sanitizers). stackfold must finish with the exact output
#    and within a stated memory budget; flamesvg must finish with a valid
#    SVG, keeping to its --max-frames cap.
# 3. Growing with input size: a 100 MB line with no newline, 300 MB of NUL
#    bytes read as a profile, a gzip-in-gzip bomb: refused with exit 2 in
#    bounded memory. 4. Out of memory under ulimit -v: a clear message.
# Peak RSS is read with getrusage (RUSAGE_CHILDREN) via python3; it is a
# limit check, not a timing. Sanitizer builds get a larger budget (shadow
# memory), detected from the binary.
# Usage: resource_limits_test.sh STACKFOLD FLAMESVG [GOLEAK]
set -uo pipefail
SF="$1" FS="$2"
GL="${3:-$(dirname "$(dirname "$SF")")/goleak-cluster/goleak-cluster}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export LC_ALL=C
fail=0

# Sanitizer builds map shadow memory and keep freed memory in quarantine,
# and run ~5x slower: a larger memory budget, a quarter of the input.
SLACK=1 SCALE=4
if grep -q __asan_init "$SF" 2> /dev/null; then SLACK=4 SCALE=1; fi
LINES=$((2250000 * SCALE))  # 201 MB of folded text (50 MB with sanitizers)
CYCLES=$((LINES / 3))
GOROUTINES=$((25000 * SCALE))  # per kind, three kinds
SAMPLES=$((50 * SCALE))

# peak_rss_mb 'SHELL PIPELINE': runs it, prints the largest peak RSS (MB) of
# any process in it; the pipeline's output goes to $T/out, stderr to $T/err.
peak_rss_mb() {
  python3 - "$1" "$T" <<'PY'
import resource, subprocess, sys
cmd, tmp = sys.argv[1], sys.argv[2]
with open(tmp + '/out', 'wb') as out, open(tmp + '/err', 'wb') as err:
    rc = subprocess.call(['bash', '-c', cmd], stdout=out, stderr=err)
open(tmp + '/rc', 'w').write(str(rc))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}
check() {  # name, rss_mb, limit_mb, then a command whose success is the check
  local name="$1" rss="$2" limit="$3"
  shift 3
  if [ "$(cat "$T/rc")" = 0 ] && [ "$rss" -le "$limit" ] && "$@"; then
    echo "ok   $name (peak RSS $rss MB, limit $limit MB)"
  else
    echo "FAIL $name (exit $(cat "$T/rc"), peak RSS $rss MB, limit $limit MB)"
    head -c 500 "$T/err"
    head -c 500 "$T/out"
    fail=1
  fi
}
# refused: like check, for an input the tool must refuse with exit 2.
refused() {  # name, rss_mb, limit_mb, then a command whose success is the check
  local name="$1" rss="$2" limit="$3"
  shift 3
  if [ "$(cat "$T/rc")" = 2 ] && [ "$rss" -le "$limit" ] && "$@"; then
    echo "ok   $name, exit 2 (peak RSS $rss MB, limit $limit MB)"
  else
    echo "FAIL $name (exit $(cat "$T/rc"), want 2; peak RSS $rss MB, limit $limit MB)"
    head -c 300 "$T/err"
    fail=1
  fi
}

# 1. LINES lines (67 bytes per 3), three distinct stacks.
GEN="yes \$'main;serve;handle;parse 1\nmain;serve;handle;write 2\nmain;gc;mark 3' | head -n $LINES"
printf 'main;gc;mark %d\nmain;serve;handle;parse %d\nmain;serve;handle;write %d\n' \
  $((3 * CYCLES)) $CYCLES $((2 * CYCLES)) > "$T/stream.want"
MB=$((CYCLES * 67 / 1000000))
rss=$(peak_rss_mb "$GEN | '$SF' --format folded -")
check "stackfold streams $MB MB in bounded memory" "$rss" $((32 * SLACK)) cmp -s "$T/out" "$T/stream.want"
rss=$(peak_rss_mb "$GEN | '$FS' -")
check "flamesvg streams $MB MB in bounded memory" "$rss" $((32 * SLACK)) \
  grep -qF "<title>main ($(python3 -c "print(f'{$((6 * CYCLES)):,}')") samples, 100.00%)</title>" "$T/out"
if [ -x "$GL" ]; then
  # 3 x GOROUTINES goroutines (~40 MB of dump at full scale), three clusters.
  DUMP="python3 -c \"
import sys
w = sys.stdout.write
for i in range($GOROUTINES):
    w('goroutine %d [chan send, 5 minutes]:\\\\nmain.worker(0x%x)\\\\n\\\\t/src/w.go:10 +0x1d\\\\ncreated by main.main\\\\n\\\\t/src/m.go:5 +0x2\\\\n\\\\n' % (3 * i + 1, i))
    w('goroutine %d [select]:\\\\nmain.loop()\\\\n\\\\t/src/l.go:20 +0x1\\\\ncreated by main.main\\\\n\\\\t/src/m.go:6 +0x2\\\\n\\\\n' % (3 * i + 2))
    w('goroutine %d [IO wait]:\\\\ninternal/poll.runtime_pollWait(0x1)\\\\n\\\\t/go/netpoll.go:305 +0x89\\\\nmain.serve()\\\\n\\\\t/src/s.go:30 +0x1\\\\n\\\\n' % (3 * i + 3))
\""
  printf 'main.loop;[select] %d\nmain.serve;internal/poll.runtime_pollWait;[IO wait] %d\nmain.worker;[chan send] %d\n' \
    $GOROUTINES $GOROUTINES $GOROUTINES > "$T/dump.want"
  rss=$(peak_rss_mb "$DUMP | '$GL' --folded -")
  check "goleak-cluster streams $((3 * GOROUTINES)) goroutines in bounded memory" "$rss" $((32 * SLACK)) cmp -s "$T/out" "$T/dump.want"
else
  echo "SKIP goleak-cluster stream: $GL not built"
fi

# 2. SAMPLES samples, each a distinct 10,000-frame stack (200 samples:
# 2,000,000 distinct frame names, 29 MB of input; 50 with sanitizers). Memory grows with distinct frames: the
# budget below is ~100 bytes per distinct frame plus the input-sized
# output buffer, documented in the report.
python3 - "$T/deep.folded" "$SAMPLES" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    for s in range(int(sys.argv[2])):
        f.write(';'.join('s%df%d' % (s, i) for i in range(10000)) + ' 1\n')
PY
rss=$(peak_rss_mb "'$SF' --format folded '$T/deep.folded'")
check "stackfold: $SAMPLES distinct 10,000-frame stacks" "$rss" $((256 * SLACK)) \
  bash -c "sort '$T/deep.folded' | cmp -s - '$T/out'"
rss=$(peak_rss_mb "'$FS' '$T/deep.folded'")
check "flamesvg: $SAMPLES distinct 10,000-frame stacks" "$rss" $((512 * SLACK)) \
  bash -c "xmllint --noout --huge '$T/out' && grep -qF 'frames are wider than --minwidth' '$T/err'"

# 3. Inputs that would grow memory with their size: one endless line
#    (100 MB, no newline: a binary stream or a file that is not text) and
#    data read whole (a pprof candidate: 300 MB of NUL bytes from a pipe, and
#    a gzip-in-gzip bomb). Lines past the line limit (16 MiB) are skipped as
#    one bad line; a whole input past --max-input-mib ends with a message
#    naming the limit. Memory stays bounded either way (for data read
#    whole: about twice the limit, as the buffer doubles while it grows).
ENDLESS="head -c 100000000 /dev/zero | tr '\\0' x"
LIMIT_MSG="more than 64 MiB after decompression (the limit for an input read whole; raise it with --max-input-mib)"
rss=$(peak_rss_mb "$ENDLESS | '$FS' -")
refused "flamesvg: a 100 MB line is one skipped line" "$rss" $((64 * SLACK)) \
  grep -qF 'flamesvg: warning: skipped 1 malformed line (first: <stdin>:1:' "$T/err"
rss=$(peak_rss_mb "$ENDLESS | '$SF' --format folded -")
refused "stackfold --format folded: a 100 MB line is one skipped line" "$rss" $((64 * SLACK)) \
  grep -qF 'stackfold: <stdin>: nothing valid read as folded (1 malformed line, first: <stdin>:1:' "$T/err"
if [ -x "$GL" ]; then
  rss=$(peak_rss_mb "$ENDLESS | '$GL' -")
  refused "goleak-cluster: a 100 MB line in bounded memory" "$rss" $((64 * SLACK)) true
fi
rss=$(peak_rss_mb "head -c 300000000 /dev/zero | '$SF' --max-input-mib 64 -")
refused "stackfold: 300 MB of NUL bytes stop at --max-input-mib" "$rss" $((160 * SLACK)) \
  grep -qxF "stackfold: <stdin>: $LIMIT_MSG" "$T/err"
python3 - "$T/bomb.gz" <<'PY'
import gzip, sys, zlib
inner = zlib.compressobj(1, zlib.DEFLATED, 31)
chunk = bytes(1 << 20)
body = b''.join(inner.compress(chunk) for _ in range(200)) + inner.flush()
open(sys.argv[1], 'wb').write(gzip.compress(body, 9))
PY
rss=$(peak_rss_mb "'$SF' --max-input-mib 64 '$T/bomb.gz'")
refused "stackfold: a gzip-in-gzip bomb stops at the limit" "$rss" $((160 * SLACK)) \
  grep -qxF "stackfold: $T/bomb.gz: $LIMIT_MSG" "$T/err"

# 4. When memory runs out (here an 80 MB address-space limit, as one would
# set with ulimit -v to keep a box from swapping), the tools stop with a
# clear message and exit 2 instead of aborting. ASan reserves terabytes of
# address space for its shadow, so this needs a build without it.
# The message says what was large (issue 17): the distinct stacks of a
# streamed file, or a file held whole (a profile past the memory there is).
oom_row() {  # name, pattern of the message (grep -E), then the command
  local name="$1" want="$2"
  shift 2
  (ulimit -v 80000; "$@" > /dev/null 2> "$T/err"; echo $? > "$T/rc")
  if [ "$(cat "$T/rc")" = 2 ] && grep -qxE "$want" "$T/err"; then
    echo "ok   $name: out of memory is a clear message and exit 2"
  else
    echo "FAIL $name: out of memory gave exit $(cat "$T/rc"): $(head -c 300 "$T/err")"
    fail=1
  fi
}
if [ "$SLACK" = 1 ]; then
  STACKS="out of memory after [0-9]+ MiB of $T/deep.folded: the distinct stacks it holds do not fit \(memory grows with distinct stacks and frames, not input size\); address-space limit 78 MiB \(ulimit -v\)"
  oom_row stackfold "stackfold: $STACKS" "$SF" "$T/deep.folded"
  oom_row flamesvg "flamesvg: $STACKS" "$FS" "$T/deep.folded"
  head -c 300000000 /dev/zero > "$T/zeros.pb"
  oom_row "stackfold, a 300 MB profile read whole" \
    "stackfold: out of memory holding $T/zeros.pb whole \([0-9]+ MiB read; profiles are read whole: lower --max-input-mib to stop sooner\); address-space limit 78 MiB \(ulimit -v\)" \
    "$SF" "$T/zeros.pb"
  rm -f "$T/zeros.pb"
  # Under a 1 GiB address-space limit with the default limits: the endless
  # line is one bad line; a bomb that inflates to 4 GiB stops with a message.
  (ulimit -v 1048576; eval "$ENDLESS" | "$SF" --format folded - > /dev/null 2> "$T/err"; echo $? > "$T/rc")
  if [ "$(cat "$T/rc")" = 2 ] && grep -qF "stackfold: <stdin>: nothing valid read as folded (1 malformed line" "$T/err"; then
    echo "ok   stackfold: a 100 MB line under ulimit -v 1 GiB, exit 2"
  else
    echo "FAIL stackfold: a 100 MB line under ulimit -v 1 GiB: exit $(cat "$T/rc"): $(head -c 300 "$T/err")"
    fail=1
  fi
  python3 - "$T/bomb4g.gz" <<'PY'
import gzip, sys, zlib
inner = zlib.compressobj(1, zlib.DEFLATED, 31)
chunk = bytes(1 << 20)
body = b''.join(inner.compress(chunk) for _ in range(4096)) + inner.flush()
open(sys.argv[1], 'wb').write(gzip.compress(body, 9))
PY
  (ulimit -v 1048576; "$SF" "$T/bomb4g.gz" > /dev/null 2> "$T/err"; echo $? > "$T/rc")
  if [ "$(cat "$T/rc")" = 2 ] && grep -qE "^stackfold: (out of memory holding $T/bomb4g.gz \\(its inner gzip layer\\) whole \\([0-9]{3,} MiB read|$T/bomb4g.gz: more than 1024 MiB after decompression)" "$T/err"; then
    echo "ok   stackfold: a 4 GiB gzip-in-gzip bomb under ulimit -v 1 GiB, exit 2: $(head -c 120 "$T/err")"
  else
    echo "FAIL stackfold: a 4 GiB bomb under ulimit -v 1 GiB: exit $(cat "$T/rc"): $(head -c 300 "$T/err")"
    fail=1
  fi
else
  echo "SKIP out-of-memory message: ulimit -v cannot be used under ASan"
fi
exit $fail
