#!/usr/bin/env bash
# The hostile-input table (issue 8). For each tool and each bad input: the
# exit code, the message on stderr and, where good records surround the bad
# spot, the exact output still produced. One row per line below; every row
# prints "ok"/"FAIL"/"SKIP" with its name.
# Usage: hostile_test.sh STACKFOLD FLAMESVG HEAPDIFF GOLEAK TESTDATA_DIR
set -uo pipefail
SF="$(realpath "$1")" FS="$(realpath "$2")" HD="$(realpath "$3")" GL="$(realpath "$4")"
D="$(realpath "$5")"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export TZ=UTC LC_ALL=C
fail=0

# ---- inputs -------------------------------------------------------------
cd "$T" || exit 2
: > empty
printf 'this is not\001\002 anything\n' > garbage
head -c 600 "$D/heapdiff/1.heap" > trunc.gz            # gzip cut mid-stream
gzip -dc "$D/heapdiff/1.heap" | head -c 5000 > trunc.pb  # protobuf cut in half
mkdir adir
head -c 1100000 /dev/zero > big.pb  # more than 1 MiB, read whole as a profile
python3 - <<'PY'
big = b'x' * (1 << 20)  # a 1 MiB frame name
# Folded text: good lines around the bad spot.
def folded(mid): return b'main;a 1\n' + mid + b'main;b 2\n'
open('f-bigline', 'wb').write(folded(big + b' 5\n'))
open('f-deep', 'wb').write(folded(b';'.join(b'f%d' % i for i in range(100000)) + b' 7\n'))
open('f-nul', 'wb').write(folded(b'ma\0in;x\0y 3\n'))
open('f-badutf8', 'wb').write(folded(b'main;\xff\xfe\xc0\xaf 3\n'))
open('f-garbage', 'wb').write(folded(b'\x01\x02 no count here\n'))
# Goroutine dumps: goroutines 1 and 3 are fine, goroutine 2 is hostile.
def dump(mid):
    return (b'goroutine 1 [chan send]:\nmain.good()\n\t/src/a.go:10 +0x1\n'
            b'created by main.main\n\t/src/a.go:5 +0x2\n\n'
            b'goroutine 2 [chan receive]:\n' + mid + b'\n'
            b'goroutine 3 [select]:\nmain.other()\n\t/src/b.go:20 +0x1\n'
            b'created by main.main\n\t/src/a.go:6 +0x2\n')
open('g-bigline', 'wb').write(dump(b'main.' + big + b'()\n\t/src/m.go:1 +0x1\n'))
open('g-deep', 'wb').write(dump(b''.join(b'main.f%d()\n\t/src/m.go:%d +0x1\n' % (i, i + 1) for i in range(100000))))
open('g-nul', 'wb').write(dump(b'main.m\0id()\n\t/src/m\0.go:1 +0x1\n'))
open('g-badutf8', 'wb').write(dump(b'main.m\xff\xc0id()\n\t/src/m\xfe.go:1 +0x1\n'))
open('g-ansi', 'wb').write(dump(b'main.evil\x1b]0;pwned\x07\x1b[2J()\n\t/src/m.go:1 +0x1\n'))
open('g-garbage', 'wb').write(dump(b'\x01\x02 this is noise\nmore noise\n'))
# Legacy text heap profiles: records 1 and 3 are fine, the middle one is hostile.
def heap(mid):
    return (b'heap profile: 3: 3072 [3: 3072] @ heap/1\n'
            b'1: 1024 [1: 1024] @ 0x10 0x20\n#\t0x10\tmain.leaf+0x0\t/src/a.go:1\n#\t0x20\tmain.main+0x0\t/src/a.go:2\n\n'
            + mid +
            b'1: 1024 [1: 1024] @ 0x30 0x20\n#\t0x30\tmain.other+0x0\t/src/a.go:3\n#\t0x20\tmain.main+0x0\t/src/a.go:2\n')
def rec(name): return b'1: 1024 [1: 1024] @ 0x40 0x20\n#\t0x40\t' + name + b'+0x0\t/src/a.go:4\n#\t0x20\tmain.main+0x0\t/src/a.go:2\n\n'
open('h-ok', 'wb').write(heap(b''))
open('h-bigline', 'wb').write(heap(rec(b'main.' + big)))
open('h-deep', 'wb').write(heap(b'1: 1024 [1: 1024] @ ' + b' '.join(b'0x%x' % (0x1000 + i) for i in range(100000)) + b'\n'
    + b''.join(b'#\t0x%x\tmain.f%d+0x0\t/src/d.go:%d\n' % (0x1000 + i, i, i + 1) for i in range(100000)) + b'\n'))
open('h-nul', 'wb').write(heap(rec(b'main.n\0ul')))
open('h-badutf8', 'wb').write(heap(rec(b'main.b\xff\xc0ad')))
open('h-garbage', 'wb').write(heap(b'1: 1024 [1: zzz] @ 0x40\nnoise \x01\x02\n\n'))
# perf script text: samples 1 and 3 are fine, the middle one is hostile.
def sample(frames):
    return (b'app 1   1.0:    1 cpu-clock:pppH: \n'
            + b''.join(b'\t           %x %s+0x1 (/bin/app)\n' % (0x1000 + i, f) for i, f in enumerate(frames)) + b'\n')
def perf(mid): return sample([b'leaf', b'main']) + mid + sample([b'other', b'main'])
open('p-bigline', 'wb').write(perf(sample([big, b'main'])))
open('p-deep', 'wb').write(perf(sample([b'f%d' % i for i in range(100000)])))
open('p-nul', 'wb').write(perf(sample([b'n\0ul', b'main'])))
open('p-badutf8', 'wb').write(perf(sample([b'b\xff\xc0ad', b'main'])))
open('p-garbage', 'wb').write(perf(b'\x01\x02garbage line here\n\tnot a frame\n\n'))
# Enough distinct stacks that the output overflows a pipe buffer.
with open('wide.folded', 'w') as f:
    for i in range(5000): f.write('main;f%d;g%d 1\n' % (i, i))
PY
# /proc/self/mem opens but every read at offset 0 fails with EIO: an
# unreadable file even for root (chmod 000 does not stop root's reads).
UNREADABLE=/proc/self/mem

# ---- the table ----------------------------------------------------------
# row NAME RC STDERR OUT -- COMMAND...
#   RC      expected exit status
#   STDERR  text stderr must contain ("" = stderr must be empty)
#   OUT     "-" unchecked, "empty", "xml" (well-formed, xmllint), "=FILE"
#           exact bytes of expected output in $T/FILE, or "~TEXT" text
#           the output must contain
row() {
  local name="$1" rc="$2" err="$3" out="$4"
  shift 5
  "$@" > "$T/out" 2> "$T/err"
  local got=$? why=""
  if [ "$got" != "$rc" ]; then why="exit $got, want $rc"; fi
  if [ -z "$err" ]; then
    [ -s "$T/err" ] && why="$why; unexpected stderr"
  elif ! grep -qF -- "$err" "$T/err"; then
    why="$why; stderr lacks '$err'"
  fi
  case "$out" in
    -) ;;
    empty) [ -s "$T/out" ] && why="$why; output not empty" ;;
    xml) xmllint --noout --huge "$T/out" 2> /dev/null || why="$why; output is not XML" ;;
    =*) cmp -s "$T/out" "$T/${out#=}" || why="$why; output differs from ${out#=}" ;;
    \~*) grep -qF -- "${out#\~}" "$T/out" || why="$why; output lacks '${out#\~}'" ;;
  esac
  if [ -z "$why" ]; then
    echo "ok   $name"
  else
    echo "FAIL $name: ${why#; }"
    sed 's/^/     stderr: /' "$T/err" | head -c 600
    fail=1
  fi
}
skip() { echo "SKIP $1: $2"; }
expect() { printf "$2" > "$T/$1"; }  # expected output file from printf text

# Closed stdout: the tool must stop promptly. With SIGPIPE at its default
# (a shell pipeline) it dies of it (141) like cat; with SIGPIPE ignored it
# sees EPIPE and exits 2 with a message instead of looping or crashing.
pipe_row() {
  local name="$1" want_err="$2"
  shift 2
  local status
  "$@" 2> "$T/perr" | head -c 10 > /dev/null
  status=${PIPESTATUS[0]}
  if [ "$status" = 141 ] && [ ! -s "$T/perr" ]; then
    echo "ok   $name: closed stdout (SIGPIPE)"
  else
    echo "FAIL $name: closed stdout gave exit $status, $(head -c 200 "$T/perr")"
    fail=1
  fi
  (trap '' PIPE; "$@" 2> "$T/perr" | head -c 10 > /dev/null
   echo "${PIPESTATUS[0]}" > "$T/pstatus")
  status=$(cat "$T/pstatus")
  if [ "$status" = 2 ] && grep -qF -- "$want_err" "$T/perr"; then
    echo "ok   $name: closed stdout (EPIPE, SIGPIPE ignored)"
  else
    echo "FAIL $name: EPIPE gave exit $status, $(head -c 200 "$T/perr")"
    fail=1
  fi
}

# ---- stackfold (detects the format by content) ----
row "stackfold empty"       0 "" empty -- "$SF" empty
row "stackfold garbage"     2 "stackfold: garbage: not a pprof profile (bad protobuf at byte 0)" empty -- "$SF" garbage
row "stackfold trunc gzip"  2 "stackfold: trunc.gz: truncated gzip data (ends at byte 600)" empty -- "$SF" trunc.gz
row "stackfold trunc pb"    2 "stackfold: trunc.pb: not a pprof profile (bad protobuf at byte" empty -- "$SF" trunc.pb
python3 -c "import sys; sys.stdout.buffer.write(b'main;a 1\nmain;b 2\n' + b'x' * (1 << 20) + b' 5\n')" > "$T/sf-bigline.want"
row "stackfold 1MiB line"   0 "" =sf-bigline.want -- "$SF" --format folded f-bigline
# Lines longer than the 64 KiB detection head are still detected as folded.
row "stackfold 1MiB line, detected" 0 "" =sf-bigline.want -- "$SF" f-bigline
python3 -c "import sys; sys.stdout.buffer.write(b';'.join(b'f%d' % i for i in range(100000)) + b' 7\nmain;a 1\nmain;b 2\n')" > "$T/sf-deep.want"
row "stackfold 100k frames" 0 "" =sf-deep.want -- "$SF" --format folded f-deep
tail -n 2 f-deep > f-deep-first  # the deep stack on the first line
python3 -c "import sys; sys.stdout.buffer.write(b';'.join(b'f%d' % i for i in range(100000)) + b' 7\nmain;b 2\n')" > "$T/sf-deep-first.want"
row "stackfold 100k frames first, detected" 0 "" =sf-deep-first.want -- "$SF" f-deep-first
expect sf-nul.want 'ma\0in;x\0y 3\nmain;a 1\nmain;b 2\n'
row "stackfold NUL bytes"   0 "" =sf-nul.want -- "$SF" --format folded f-nul
expect sf-utf8.want 'main;a 1\nmain;b 2\nmain;\377\376\300\257 3\n'
row "stackfold bad UTF-8"   0 "" =sf-utf8.want -- "$SF" --format folded f-badutf8
expect sf-garbage.want 'main;a 1\nmain;b 2\n'
row "stackfold garbage line" 0 "stackfold: warning: skipped 1 malformed line (first: f-garbage:2: not a folded line (stack COUNT))" =sf-garbage.want -- "$SF" --format folded f-garbage
# perf script input (detected), hostile sample between two good ones.
python3 -c "import sys; sys.stdout.buffer.write(b'app;main;leaf 1\napp;main;other 1\napp;main;' + b'x' * (1 << 20) + b' 1\n')" > "$T/sfp-bigline.want"
row "stackfold perf 1MiB line" 0 "" =sfp-bigline.want -- "$SF" p-bigline
python3 -c "import sys; sys.stdout.buffer.write(b'app;' + b';'.join(b'f%d' % i for i in reversed(range(100000))) + b' 1\napp;main;leaf 1\napp;main;other 1\n')" > "$T/sfp-deep.want"
row "stackfold perf 100k frames" 0 "" =sfp-deep.want -- "$SF" p-deep
expect sfp-nul.want 'app;main;leaf 1\napp;main;n\0ul 1\napp;main;other 1\n'
row "stackfold perf NUL bytes" 0 "" =sfp-nul.want -- "$SF" p-nul
expect sfp-utf8.want 'app;main;b\377\300ad 1\napp;main;leaf 1\napp;main;other 1\n'
row "stackfold perf bad UTF-8" 0 "" =sfp-utf8.want -- "$SF" p-badutf8
expect sfp-garbage.want 'app;main;leaf 1\napp;main;other 1\n'
row "stackfold perf garbage lines" 0 "stackfold: warning: skipped 2 malformed lines (first: p-garbage:5: not a sample header, and not inside a sample)" =sfp-garbage.want -- "$SF" p-garbage
row "stackfold perf garbage --strict" 2 "stackfold: malformed line at p-garbage:5: not a sample header, and not inside a sample" empty -- "$SF" --strict p-garbage
row "stackfold directory"   2 "stackfold: adir: is a directory" empty -- "$SF" adir
row "stackfold unreadable"  2 "stackfold: /proc/self/mem: Input/output error" empty -- "$SF" "$UNREADABLE"
row "stackfold missing"     2 "stackfold: nonexistent: No such file or directory" empty -- "$SF" nonexistent
pipe_row "stackfold" "stackfold: cannot write to standard output" "$SF" --format folded wide.folded

# ---- flamesvg ----
row "flamesvg empty"        2 "flamesvg: no valid input" xml -- "$FS" empty
row "flamesvg garbage"      2 "flamesvg: warning: skipped 1 malformed line (first: garbage:1: no count at the end of the line)" xml -- "$FS" garbage
row "flamesvg garbage --strict" 2 "flamesvg: malformed line at garbage:1: no count at the end of the line" empty -- "$FS" --strict garbage
row "flamesvg trunc gzip"   2 "flamesvg: trunc.gz: truncated gzip data (ends at byte 600)" empty -- "$FS" trunc.gz
row "flamesvg trunc pb"     2 "flamesvg: no valid input" xml -- "$FS" trunc.pb
row "flamesvg 1MiB line"    0 "" xml -- "$FS" f-bigline
row "flamesvg 1MiB line, good frames" 0 "" "~<title>b (2 samples, 25.00%)</title>" -- "$FS" f-bigline
# A 100,000-frame stack is more than --max-frames (20000) allows: the note
# says so and the SVG stays valid.
row "flamesvg 100k frames"  0 "flamesvg: note: 100004 frames are wider than --minwidth" xml -- "$FS" f-deep
row "flamesvg NUL bytes"    0 "" xml -- "$FS" f-nul
row "flamesvg NUL, good frames" 0 "" "~<title>a (1 samples, 16.67%)</title>" -- "$FS" f-nul
row "flamesvg bad UTF-8"    0 "" xml -- "$FS" f-badutf8
row "flamesvg bad UTF-8 as U+FFFD" 0 "" "~<title>$(printf '\357\277\275\357\277\275\357\277\275\357\277\275') (3 samples, 50.00%)</title>" -- "$FS" f-badutf8
row "flamesvg garbage line" 0 "flamesvg: warning: skipped 1 malformed line (first: f-garbage:2: no count at the end of the line)" "~<title>b (2 samples, 66.67%)</title>" -- "$FS" f-garbage
row "flamesvg directory"    2 "flamesvg: adir: is a directory" empty -- "$FS" adir
row "flamesvg unreadable"   2 "flamesvg: /proc/self/mem: Input/output error" empty -- "$FS" "$UNREADABLE"
pipe_row "flamesvg" "flamesvg: cannot write the output" "$FS" wide.folded

# ---- heapdiff (pprof protobuf or legacy text heap profiles) ----
row "heapdiff empty"        2 "heapdiff: empty: empty profile (no data)" empty -- "$HD" empty
row "heapdiff garbage"      2 "heapdiff: garbage: not a pprof profile (bad protobuf at byte 0)" empty -- "$HD" garbage
row "heapdiff trunc gzip"   2 "heapdiff: trunc.gz: truncated gzip data (ends at byte 600)" empty -- "$HD" trunc.gz
row "heapdiff trunc pb"     2 "heapdiff: trunc.pb: not a pprof profile (bad protobuf at byte" empty -- "$HD" trunc.pb
python3 -c "import sys; sys.stdout.buffer.write(b'main.main;main.leaf 1024 1024\nmain.main;main.other 1024 1024\nmain.main;main.' + b'x' * (1 << 20) + b' 0 1024\n')" > "$T/hd-bigline.want"
row "heapdiff 1MiB line"    0 "" =hd-bigline.want -- "$HD" --folded h-ok h-bigline
python3 -c "import sys; sys.stdout.buffer.write(b';'.join(b'main.f%d' % i for i in reversed(range(100000))) + b' 0 1024\nmain.main;main.leaf 1024 1024\nmain.main;main.other 1024 1024\n')" > "$T/hd-deep.want"
row "heapdiff 100k frames"  0 "" =hd-deep.want -- "$HD" --folded h-ok h-deep
expect hd-nul.want 'main.main;main.leaf 1024 1024\nmain.main;main.n\0ul 0 1024\nmain.main;main.other 1024 1024\n'
row "heapdiff NUL bytes"    0 "" =hd-nul.want -- "$HD" --folded h-ok h-nul
expect hd-utf8.want 'main.main;main.b\377\300ad 0 1024\nmain.main;main.leaf 1024 1024\nmain.main;main.other 1024 1024\n'
row "heapdiff bad UTF-8"    0 "" =hd-utf8.want -- "$HD" --folded h-ok h-badutf8
expect hd-garbage.want 'main.main;main.leaf 1024 1024\nmain.main;main.other 1024 1024\n'
row "heapdiff garbage record" 0 "heapdiff: warning: skipped 2 malformed lines (first: h-garbage:6: malformed heap record)" =hd-garbage.want -- "$HD" --folded h-ok h-garbage
row "heapdiff garbage --strict" 2 "heapdiff: malformed line at h-garbage:6: malformed heap record" empty -- "$HD" --strict h-ok h-garbage
row "heapdiff directory"    2 "heapdiff: adir: is a directory" empty -- "$HD" adir
row "heapdiff unreadable"   2 "heapdiff: /proc/self/mem: Input/output error" empty -- "$HD" "$UNREADABLE"
pipe_row "heapdiff" "heapdiff: cannot write the output" "$HD" --folded h-ok h-bigline

# ---- goleak-cluster ----
row "goleak empty"          2 "goleak-cluster: empty: no goroutines found (not a Go goroutine dump?)" empty -- "$GL" empty
row "goleak garbage"        2 "goleak-cluster: garbage: no goroutines found (not a Go goroutine dump?)" empty -- "$GL" garbage
row "goleak trunc gzip"     2 "goleak-cluster: trunc.gz: truncated gzip data (ends at byte 600)" empty -- "$GL" trunc.gz
row "goleak trunc pb"       2 "goleak-cluster: trunc.pb: no goroutines found (not a Go goroutine dump?)" empty -- "$GL" trunc.pb
python3 -c "import sys; sys.stdout.buffer.write(b'main.good;[chan send] 1\nmain.other;[select] 1\nmain.' + b'x' * (1 << 20) + b';[chan receive] 1\n')" > "$T/gl-bigline.want"
row "goleak 1MiB line"      0 "" =gl-bigline.want -- "$GL" --folded g-bigline
python3 -c "import sys; sys.stdout.buffer.write(b';'.join(b'main.f%d' % i for i in reversed(range(100000))) + b';[chan receive] 1\nmain.good;[chan send] 1\nmain.other;[select] 1\n')" > "$T/gl-deep.want"
row "goleak 100k frames"    0 "" =gl-deep.want -- "$GL" --folded g-deep
row "goleak 100k frames, text" 0 "" "~1 goroutine blocked in chan receive at main.f0 (m.go:1): long-lived goroutine of main or init" -- "$GL" g-deep
expect gl-nul.want 'main.good;[chan send] 1\nmain.m\0id;[chan receive] 1\nmain.other;[select] 1\n'
row "goleak NUL bytes"      0 "" =gl-nul.want -- "$GL" --folded g-nul
expect gl-utf8.want 'main.good;[chan send] 1\nmain.m\377\300id;[chan receive] 1\nmain.other;[select] 1\n'
row "goleak bad UTF-8"      0 "" =gl-utf8.want -- "$GL" --folded g-badutf8
row "goleak bad UTF-8, JSON" 0 "" "-" -- "$GL" --json g-badutf8
python3 -c "import json; json.load(open('$T/out', 'rb'))" 2> /dev/null &&
  echo "ok   goleak bad UTF-8, JSON parses" || { echo "FAIL goleak bad UTF-8, JSON parses"; fail=1; }
# Terminal escapes from the dump never reach the terminal (text report).
row "goleak escape sequences" 0 "" "~1 goroutine blocked in chan receive at main.evil?]0;pwned??[2J (m.go:1)" -- "$GL" --color always g-ansi
expect gl-garbage.want '[chan receive] 1\nmain.good;[chan send] 1\nmain.other;[select] 1\n'
row "goleak garbage lines"  0 "goleak-cluster: warning: skipped 2 malformed lines (first: g-garbage:8: not a stack frame)" =gl-garbage.want -- "$GL" --folded g-garbage
row "goleak garbage --strict" 2 "goleak-cluster: malformed line at g-garbage:8: not a stack frame" empty -- "$GL" --strict g-garbage
row "goleak directory"      2 "goleak-cluster: adir: is a directory" empty -- "$GL" adir
row "goleak unreadable"     2 "goleak-cluster: /proc/self/mem: Input/output error" empty -- "$GL" "$UNREADABLE"
pipe_row "goleak" "goleak-cluster: cannot write to standard output" "$GL" --folded g-bigline

# ---- every tool (issue 17) ---------------------------------------------
# --help and --version to a full disk fail like any other output.
for tool in "$SF" "$FS" "$HD" "$GL"; do
  name=$(basename "$tool")
  for flag in --help --version; do
    "$tool" "$flag" > /dev/full 2> "$T/err"
    rc=$?
    if [ "$rc" = 2 ] && grep -qxF "$name: cannot write to standard output" "$T/err"; then
      echo "ok   $name $flag to a full disk"
    else
      echo "FAIL $name $flag to a full disk: exit $rc: $(head -c 200 "$T/err")"
      fail=1
    fi
  done
done
# A gzip file padded with zero bytes (tape, block devices) reads as gzip -dc
# reads it, wherever the padding falls.
for pad in 1 2 511; do
  { gzip -c < f-garbage; head -c "$pad" /dev/zero; } > "f-padded$pad.gz"
  row "stackfold gzip + $pad zero bytes" 0 "stackfold: warning: skipped 1 malformed line" =sf-garbage.want -- "$SF" --format folded "f-padded$pad.gz"
done
# Bytes after the gzip data that are not gzip: ignored, as gzip -dc does,
# with a warning naming their offset (issue 17).
{ gzip -c < f-garbage; printf 'trailing junk'; } > f-trailing.gz
tz=$(gzip -c < f-garbage | wc -c)
row "stackfold gzip + trailing bytes" 0 "stackfold: warning: f-trailing.gz: ignored the bytes after the gzip data, from byte $tz (not gzip; gzip -dc ignores them too)" =sf-garbage.want -- "$SF" --format folded f-trailing.gz
row "flamesvg gzip + trailing bytes" 0 "flamesvg: warning: f-trailing.gz: ignored the bytes after the gzip data, from byte $tz" xml -- "$FS" f-trailing.gz
# The input limits are flags of every reading tool (issue 17): a 1 MiB line
# limit makes the 1 MiB frame name one malformed line, reading goes on.
expect sf-linelimit.want 'main;a 1\nmain;b 2\n'
row "stackfold --max-line-mib 1" 0 "stackfold: warning: skipped 1 malformed line (first: f-bigline:2:" =sf-linelimit.want -- "$SF" --max-line-mib 1 --format folded f-bigline
row "flamesvg --max-line-mib 1" 0 "flamesvg: warning: skipped 1 malformed line (first: f-bigline:2:" xml -- "$FS" --max-line-mib 1 f-bigline
row "goleak-cluster --max-line-mib 1" 0 "goleak-cluster: warning: skipped" - -- "$GL" --max-line-mib 1 g-bigline
row "heapdiff --max-input-mib 1" 2 "heapdiff: big.pb: more than 1 MiB after decompression (the limit for an input read whole; raise it with --max-input-mib)" empty -- "$HD" --max-input-mib 1 big.pb
row "stackfold --max-line-mib 0" 2 "stackfold: --max-line-mib must be between 1 and 2^40 (try --help)" empty -- "$SF" --max-line-mib 0 f-bigline
row "heapdiff -max_input_mib=0 (Go style)" 2 "heapdiff: --max-input-mib must be between 1 and 2^40 (try --help)" empty -- "$HD" -max_input_mib=0 big.pb
# profile.proto with a repeated location id, or id 0: refused like pprof.
python3 - <<'PY'
def varint(n):
    out = b''
    while True:
        b = n & 0x7f; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out
def field(num, payload): return varint(num << 3 | 2) + varint(len(payload)) + payload
def num(numf, v): return varint(numf << 3) + varint(v)
strings = b''.join(field(6, s) for s in [b'', b'samples', b'count', b'main.f'])
st = field(1, num(1, 1) + num(2, 2))
fn = field(5, num(1, 1) + num(2, 3))
def loc(i): return field(4, num(1, i) + field(4, num(1, 1)))
sample = field(2, num(1, 5) + num(2, 1))
open('p-dupid.pb', 'wb').write(st + sample + loc(5) + loc(5) + fn + strings)
open('p-id0.pb', 'wb').write(st + sample + loc(0) + fn + strings)
PY
row "heapdiff repeated location id" 2 "heapdiff: p-dupid.pb: not a pprof profile (two locations have id 5 (the second is location #2))" empty -- "$HD" p-dupid.pb
row "stackfold location id 0" 2 "stackfold: p-id0.pb: not a pprof profile (location #1 has the reserved id 0)" empty -- "$SF" p-id0.pb
# A file handed to the wrong tool: the error says what it is and which
# command reads it (issue 16), decided by stackfold's own format probes.
cp "$D/heapdiff/1.heap" cpu.pb.gz
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n' > graph.svg
row "flamesvg on a pprof profile" 2 "flamesvg: no valid input (cpu.pb.gz is a pprof profile: fold it first: stackfold cpu.pb.gz | flamesvg > out.svg)" xml -- "$FS" cpu.pb.gz
row "heapdiff on a goroutine dump" 2 "(g-garbage is a goroutine dump: cluster it: goleak-cluster g-garbage)" empty -- "$HD" g-garbage
row "heapdiff on an SVG" 2 "(graph.svg is an SVG, maybe a flame graph: open it in a browser)" empty -- "$HD" graph.svg
row "goleak-cluster on a pprof profile" 2 "(cpu.pb.gz is a pprof profile: read it with heapdiff cpu.pb.gz, or draw it: stackfold cpu.pb.gz | flamesvg > out.svg)" empty -- "$GL" cpu.pb.gz
# A stray "word 123" line inside a perf sample is a bad line, not a sample.
printf 'app 1 1.0: 1 cycles: \n\tffff a (/x)\njunk 123\n\tffff b (/x)\n\n' > p-junk
expect sfp-junk.want 'app;b;a 1\n'
row "stackfold perf stray word-number line" 0 "stackfold: warning: skipped 1 malformed line (first: p-junk:3: unrecognized line inside a sample)" =sfp-junk.want -- "$SF" p-junk

# Goroutine dump edges (issue 17): numbers past 2^64-1 saturate, never
# wrap; extreme ids and huge line numbers keep the goroutine and its
# frames; a second dump in one input is said, not silently double-counted.
printf 'goroutine 18446744073709551615 [chan send, 18446744073709551616 minutes]:\nmain.edge()\n\t/src/e.go:99999999999999999999 +0x1\ncreated by main.main\n\t/src/a.go:5 +0x2\n\n' > g-edges
row "goleak id 2^64-1, minutes >= 2^64" 0 "" "~1 goroutine blocked in chan send for 2147483647 minutes at main.edge (e.go:4294967295), created by main.main (a.go:5)" -- "$GL" --no-stacks g-edges
row "goleak id 2^64-1 kept in JSON" 0 "" '~"ids":[18446744073709551615],"ids_total":1' -- "$GL" --json g-edges
cat "$D/goleak-cluster/nil-chan-select.debug2.txt" "$D/goleak-cluster/nil-chan-select.debug2.txt" > g-twice
row "goleak two dumps in one input" 0 "goleak-cluster: warning: g-twice: a second dump starts at line 134; the goroutines of both are counted together (compare two dumps with --base EARLIER instead)" "~goroutine dump: 26 goroutines in 7 clusters" -- "$GL" --no-stacks g-twice
# 65,546 goroutines each waiting on its own mutex: past the lock view's
# 65,536 lock/cluster pairs, the rest is counted and said, not dropped.
python3 -c '
import sys
w = sys.stdout.write
for i in range(65546):
    w("goroutine %d [semacquire]:\nsync.(*Mutex).lockSlow(0x%x)\n\t/go/src/sync/mutex.go:138 +0x1\nsync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:90\nmain.update()\n\t/src/u.go:20 +0x1\n\n" % (i + 2, 0x100000 + 8 * i))
' > g-locks
row "goleak lock waits past the cap, JSON" 0 "" '~"lock_waiters_total":65546,"lock_waiters_not_grouped":10' -- "$GL" --json g-locks
row "goleak lock waits past the cap, text" 0 "" "~LOCKS: 65536 goroutines waiting on 65536 locks (and 10 more waiting on locks past the first 65536 lock/cluster pairs: counted, not grouped, not checked for lock order)" -- "$GL" --no-stacks g-locks
row "goleak lock order bounded" 0 "" "~lock order checked for the first 256 lock sites per function and 4096 lock pairs only" -- "$GL" --no-stacks g-locks
row "goleak --min-wait bad" 2 "goleak-cluster: --min-wait: '5x' is not a duration (30s, 5m, 1h, or a number of minutes)" empty -- "$GL" --min-wait 5x g-edges

exit $fail
