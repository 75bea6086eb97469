#!/usr/bin/env bash
# go-collect: everything net/http/pprof offers, in one folder, with a report.
set -euo pipefail
PROG=go-collect
SELF_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
for lib in "$SELF_DIR/lib_go_fetch.sh" "$SELF_DIR/../share/stacktools/lib_go_fetch.sh"; do
  # shellcheck source=lib_go_fetch.sh
  [ -f "$lib" ] && { . "$lib"; break; }
done
declare -F find_tool >/dev/null || { echo "$PROG: lib_go_fetch.sh not found next to $0" >&2; exit 2; }

usage() {
  cat <<'EOF'
Usage: go-collect [options] [URL]

When a Go service misbehaves: saves everything its net/http/pprof handler
offers (URL: http://host:port or host:port, default 127.0.0.1:6060) into
one folder named after the service and the UTC time, and reads it with
all four tools. It prints the verdict first and last, one line per
culprit: the stuck goroutine clusters (count, where, who started them),
the function holding the most heap, the service's own code hottest on
CPU, and why a profile is empty.

Collected, most volatile first: goroutine.debug2.txt and
goroutine.debug1.txt (/debug/pprof/goroutine?debug=2, ?debug=1),
heap.pb.gz (/heap), allocs.pb.gz (/allocs), mutex.pb.gz (/mutex),
block.pb.gz (/block), then cpu.pb.gz (/profile?seconds=N).
Written: report.txt (also printed): the verdict, leak suspects
(goleak-cluster), then the top functions of heap, allocations, CPU, mutex
and block profiles (heapdiff, the table of go tool pprof -top); flame
graphs cpu.svg, heap.svg, allocs.svg, goroutines.svg (stackfold |
flamesvg); index.html, all of it on one page for a browser (offline).

Options:
  -d, --duration T    CPU profile length: seconds, or 30s, 5m, 1h
                      (default 30s; 0 skips the CPU profile)
      --seconds N     the same (-s N, the old spelling, still works but
                      is deprecated: -s is --sample-index in go-heap-diff
                      and heapdiff)
  -o, --dir DIR       the folder (default pprof-<host>_<port>-<UTC time>)
      --top N         rows per table in the report (default 10)
      --module PATH   the service's own Go module (default: the module
                      line of ./go.mod, else the profile's module named like
                      its main binary, else the most frequent non-standard
                      module in it; package main always counts)
  -h, --help          show this help

Mutex and block profiles are empty unless the service called
runtime.SetMutexProfileFraction / runtime.SetBlockProfileRate; the
verdict says so. A download that fails is named on stderr and the rest is
still collected; Ctrl-C stops collecting and reports on what was fetched.
Each download has a connect timeout (5s) and a read timeout (30s without
data, plus the CPU profile's length): STACKTOOLS_CONNECT_TIMEOUT,
STACKTOOLS_READ_TIMEOUT. The tools are found next to this script, in the
repository's build/, or on PATH; STACKTOOLS_BUILD=DIR picks a build folder.

Exit status: 0 everything collected and read, 2 bad usage, a download or
profile failed, or Ctrl-C (the report covers what was collected).

Examples:
  go-collect localhost:6060
  go-collect -d 10s -o incident http://10.0.0.7:6060
  go-collect -d 0 --top 5 http://127.0.0.1:6060    # no CPU profile
EOF
}

URL="http://127.0.0.1:6060"
DURATION=30
DIR=""
TOP=10
MODULE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -d|--duration|--seconds) need_value "$1" $#; DURATION="$2"; shift 2 ;;
    -s) need_value "$1" $#; DURATION="$2"; shift 2
        warn "-s is deprecated here (it means --sample-index in go-heap-diff and heapdiff): use -d ${DURATION}s" ;;
    -o|--dir) need_value "$1" $#; DIR="$2"; shift 2 ;;
    --top) need_value "$1" $#; TOP="$2"; shift 2 ;;
    --module) need_value "$1" $#; MODULE="$2"; shift 2 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
CPU_SECONDS=0
if [ "$(to_seconds "$DURATION")" != 0 ]; then
  CPU_SECONDS="$(to_whole_seconds "$DURATION" --duration)"
fi
[[ "$TOP" =~ ^[1-9][0-9]*$ ]] || die "--top must be a number >= 1"
BASE="$(pprof_base "$URL")"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -z "$DIR" ]; then
  host="${BASE#*://}"
  host="${host%%/*}"
  DIR="pprof-${host//[^A-Za-z0-9.-]/_}-$(utc_stamp)"
fi

STACKFOLD="$(find_tool stackfold)"
FLAMESVG="$(find_tool flamesvg)"
HEAPDIFF="$(find_tool heapdiff)"
GOLEAK="$(find_tool goleak-cluster)"
own_dir "$DIR"

failed=()
# Ctrl-C (or SIGTERM) stops collecting; what was fetched is still read.
trap 'INTERRUPTED=1' INT TERM
got() {  # got FILE PATH?QUERY [EXPECTED_SECONDS]
  [ "$INTERRUPTED" = 0 ] || { failed+=("$1"); return 0; }
  fetch "$BASE/debug/pprof/$2" "$DIR/$1" "${3:-0}" || failed+=("$1")
}
got goroutine.debug2.txt "goroutine?debug=2"
got goroutine.debug1.txt "goroutine?debug=1"
got heap.pb.gz heap
got allocs.pb.gz allocs
got mutex.pb.gz mutex
got block.pb.gz block
[ "$CPU_SECONDS" = 0 ] || got cpu.pb.gz "profile?seconds=$CPU_SECONDS" "$CPU_SECONDS"
trap - INT TERM
[ "$INTERRUPTED" = 0 ] || echo "$PROG: interrupted: reading what was fetched" >&2
fetched=0
for f in "$DIR"/*.txt "$DIR"/*.pb.gz; do
  [ ! -f "$f" ] || fetched=1
done
[ "$fetched" = 1 ] || die "nothing fetched from $BASE (see above)"

# The verdict: one line per culprit, from the tools' own output.
VERDICT="$(mktemp "${TMPDIR:-/tmp}/go-collect.XXXXXX")"
ERR="$(mktemp "${TMPDIR:-/tmp}/go-collect.XXXXXX")"
{
  [ ! -f "$DIR/goroutine.debug2.txt" ] || verdict_goroutines "$DIR/goroutine.debug2.txt"
  [ ! -f "$DIR/heap.pb.gz" ] || verdict_heap "$DIR/heap.pb.gz" "$MODULE"
  [ ! -f "$DIR/cpu.pb.gz" ] || verdict_cpu "$DIR/cpu.pb.gz" "$MODULE"
  [ ! -f "$DIR/mutex.pb.gz" ] || verdict_empty "$DIR/mutex.pb.gz" mutex
  [ ! -f "$DIR/block.pb.gz" ] || verdict_empty "$DIR/block.pb.gz" block
} > "$VERDICT"

# The report: each section names the command that made it, run from DIR.
REPORT="$DIR/report.txt"
: > "$REPORT"
section() {  # section TITLE FILE COMMAND...: run COMMAND into the report
  local title="$1" file="$2"
  shift 2
  [ -f "$DIR/$file" ] || return 0
  local shown=("${@##*/}")
  printf '\n== %s: %s\n' "$title" "${shown[*]}" >> "$REPORT"
  if ! "$@" >> "$REPORT" 2>"$ERR"; then
    # goleak-cluster exits 1 only for --fail-on-leak, not used here.
    sed 's/^/  /' "$ERR" >> "$REPORT"
    failed+=("$file")
  fi
}
{
  echo "go-collect: $BASE at $STARTED"
  echo "folder: $DIR"
  printf '\n== verdict\n'
  cat "$VERDICT"
} >> "$REPORT"
section "goroutines" goroutine.debug2.txt "$GOLEAK" --color never --no-stacks "$DIR/goroutine.debug2.txt"
section "heap in use" heap.pb.gz "$HEAPDIFF" --nodecount "$TOP" "$DIR/heap.pb.gz"
section "allocated since start" allocs.pb.gz "$HEAPDIFF" -s alloc_space --nodecount "$TOP" "$DIR/allocs.pb.gz"
section "CPU" cpu.pb.gz "$HEAPDIFF" --nodecount "$TOP" "$DIR/cpu.pb.gz"
section "mutex contention" mutex.pb.gz "$HEAPDIFF" --nodecount "$TOP" "$DIR/mutex.pb.gz"
section "blocking" block.pb.gz "$HEAPDIFF" --nodecount "$TOP" "$DIR/block.pb.gz"

# Flame graphs; a profile with no samples (mutex, block off) gets none.
svgs=()
flame() {  # flame SVG INPUT COUNTNAME TITLE [stackfold options]
  local svg="$1" in="$2" countname="$3" title="$4"
  shift 4
  [ -f "$DIR/$in" ] || return 0
  if ! "$STACKFOLD" "$@" "$DIR/$in" > "$ERR" 2>/dev/null; then
    failed+=("$in")
  elif [ -s "$ERR" ]; then
    "$FLAMESVG" --title "$title" --subtitle "$BASE $STARTED" \
      --countname "$countname" "$ERR" > "$DIR/$svg"
    svgs+=("$svg")
  fi
}
flame cpu.svg cpu.pb.gz nanoseconds "CPU"
flame heap.svg heap.pb.gz bytes "Heap in use"
flame allocs.svg allocs.pb.gz bytes "Allocated since start" --sample-index alloc_space
flame goroutines.svg goroutine.debug2.txt goroutines "Goroutines"
printf '\n== flame graphs (stackfold | flamesvg): %s\n' "${svgs[*]:-none}" >> "$REPORT"
if [ ${#failed[@]} -gt 0 ]; then
  printf '== failed: %s\n' "${failed[*]}" >> "$REPORT"
fi
write_index "$DIR" "go-collect: $BASE at $STARTED" "$VERDICT" "$REPORT" "${svgs[@]}"

cat "$REPORT"
# The verdict again, last: the screen a tired reader sees.
printf '\n== verdict\n'
cat "$VERDICT"
rm -f "$VERDICT" "$ERR"
if [ ${#failed[@]} -gt 0 ]; then
  echo "$PROG: incomplete: ${failed[*]} failed (see above); the rest is in $DIR/ (in a browser: $DIR/index.html)" >&2
  exit 2
fi
echo "$PROG: everything is in $DIR/ (report: $REPORT; in a browser: $DIR/index.html)"
