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
offers (URL defaults to http://127.0.0.1:6060) into one folder named after
the service and the UTC time, then writes a short report with all four
tools, to read the next morning.

Collected, most volatile first: goroutine.debug2.txt and
goroutine.debug1.txt (/debug/pprof/goroutine?debug=2, ?debug=1),
heap.pb.gz (/heap), allocs.pb.gz (/allocs), mutex.pb.gz (/mutex),
block.pb.gz (/block), then cpu.pb.gz (/profile?seconds=N).
Written: report.txt (also printed): leak suspects (goleak-cluster), then
the top functions of heap, allocations, CPU, mutex and block profiles
(heapdiff, the table of go tool pprof -top); flame graphs cpu.svg,
heap.svg, allocs.svg, goroutines.svg (stackfold | flamesvg).

Options:
  -s, --seconds N     CPU profile length (default 30; 0 skips the CPU profile)
  -o, --dir DIR       the folder (default pprof-<host>_<port>-<UTC time>)
      --top N         rows per table in the report (default 10)
  -h, --help          show this help

Mutex and block profiles are empty unless the service called
runtime.SetMutexProfileFraction / runtime.SetBlockProfileRate.
A download that fails is named on stderr and the rest is still collected.
The tools are found next to this script, in the repository's build/, or
on PATH; STACKTOOLS_BUILD=DIR picks a build folder.
Exit status: 0 everything collected and read, 2 bad usage, or a download
or profile failed (the report covers what did not).
EOF
}

URL="http://127.0.0.1:6060"
SECONDS_ARG=30
DIR=""
TOP=10
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -s|--seconds) need_value "$1" $#; SECONDS_ARG="$2"; shift 2 ;;
    -o|--dir) need_value "$1" $#; DIR="$2"; shift 2 ;;
    --top) need_value "$1" $#; TOP="$2"; shift 2 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
[[ "$SECONDS_ARG" =~ ^[0-9]+$ ]] || die "--seconds must be a whole number"
[[ "$TOP" =~ ^[1-9][0-9]*$ ]] || die "--top must be a number >= 1"
BASE="$(pprof_base "$URL")"
STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -z "$DIR" ]; then
  host="${BASE#*://}"
  host="${host%%/*}"
  DIR="pprof-${host//[^A-Za-z0-9.-]/_}-$(utc_stamp)"
fi
mkdir -p "$DIR"

STACKFOLD="$(find_tool stackfold)"
FLAMESVG="$(find_tool flamesvg)"
HEAPDIFF="$(find_tool heapdiff)"
GOLEAK="$(find_tool goleak-cluster)"

failed=()
got() {  # got FILE PATH?QUERY [MAX_SECONDS]
  if fetch "$BASE/debug/pprof/$2" "$DIR/$1" "${3:-120}"; then
    echo "$PROG: $DIR/$1" >&2
  else
    failed+=("$1")
  fi
}
got goroutine.debug2.txt "goroutine?debug=2"
got goroutine.debug1.txt "goroutine?debug=1"
got heap.pb.gz heap
got allocs.pb.gz allocs
got mutex.pb.gz mutex
got block.pb.gz block
if [ "$SECONDS_ARG" -gt 0 ]; then
  echo "$PROG: CPU profile, ${SECONDS_ARG}s ..." >&2
  got cpu.pb.gz "profile?seconds=$SECONDS_ARG" $((SECONDS_ARG + 60))
fi

# The report: each section names the command that made it, run from DIR.
REPORT="$DIR/report.txt"
: > "$REPORT"
section() {  # section TITLE FILE COMMAND...: run COMMAND into the report
  local title="$1" file="$2"
  shift 2
  [ -f "$DIR/$file" ] || return 0
  local shown=("${@##*/}")
  printf '\n== %s: %s\n' "$title" "${shown[*]}" >> "$REPORT"
  if ! "$@" >> "$REPORT" 2>"$DIR/.err"; then
    # goleak-cluster exits 1 only for --fail-on-leak, not used here.
    sed 's/^/  /' "$DIR/.err" >> "$REPORT"
    failed+=("$file")
  fi
  rm -f "$DIR/.err"
}
{
  echo "go-collect: $BASE at $STARTED"
  echo "folder: $DIR"
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
  if ! "$STACKFOLD" "$@" "$DIR/$in" > "$DIR/.folded" 2>/dev/null; then
    failed+=("$in")
  elif [ -s "$DIR/.folded" ]; then
    "$FLAMESVG" --title "$title" --subtitle "$BASE $STARTED" \
      --countname "$countname" "$DIR/.folded" > "$DIR/$svg"
    svgs+=("$svg")
  fi
  rm -f "$DIR/.folded"
}
flame cpu.svg cpu.pb.gz nanoseconds "CPU"
flame heap.svg heap.pb.gz bytes "Heap in use"
flame allocs.svg allocs.pb.gz bytes "Allocated since start" --sample-index alloc_space
flame goroutines.svg goroutine.debug2.txt goroutines "Goroutines"
printf '\n== flame graphs (stackfold | flamesvg): %s\n' "${svgs[*]:-none}" >> "$REPORT"
if [ ${#failed[@]} -gt 0 ]; then
  printf '== failed: %s\n' "${failed[*]}" >> "$REPORT"
fi

cat "$REPORT"
if [ ${#failed[@]} -gt 0 ]; then
  echo "$PROG: incomplete: ${failed[*]} failed (see above); the rest is in $DIR/" >&2
  exit 2
fi
echo "$PROG: everything is in $DIR/ (report: $REPORT)"
