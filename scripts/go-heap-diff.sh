#!/usr/bin/env bash
# go-heap-diff: heap snapshots of a Go service some time apart, and what grew.
set -euo pipefail
PROG=go-heap-diff
SELF_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
for lib in "$SELF_DIR/lib_go_fetch.sh" "$SELF_DIR/../share/stacktools/lib_go_fetch.sh"; do
  # shellcheck source=lib_go_fetch.sh
  [ -f "$lib" ] && { . "$lib"; break; }
done
declare -F find_tool >/dev/null || { echo "$PROG: lib_go_fetch.sh not found next to $0" >&2; exit 2; }

usage() {
  cat <<'EOF'
Usage: go-heap-diff [options] [URL]

Takes N heap snapshots of a Go service (URL/debug/pprof/heap?gc=1, the
net/http/pprof handler; URL: http://host:port or host:port, default
127.0.0.1:6060) INTERVAL
apart, keeps them in a folder with their UTC times in the names, and
compares them with heapdiff: with two snapshots, what grew from the first
to the second (the table of go tool pprof -top -base); with three or more,
each call path's series with a verdict, the leak suspects first, fastest
growth first (heapdiff's leak rule: grew by a clear net amount, at most
steps, and never fell back by more than one sample; flat steps of sampled
heap profiles are fine, a bump or a GC sawtooth that comes back is not a
leak). The change from the first to the last snapshot is also drawn as a
differential flame graph (heapdiff --folded | flamesvg --diff: red grew,
blue shrank, each frame coloured by its own change). The verdict (what
grew most, or the leak suspects) is printed first and last.

Options:
  -n, --count N          snapshots to take (default 2, at least 2)
  -i, --interval T       time between snapshots: seconds, or 30s, 5m, 1h
                         (default 60s)
  -o, --dir DIR          folder for snapshots and results
                         (default heap-<UTC time>)
  -s, --sample-index S   inuse_space (default), inuse_objects, alloc_space
                         or alloc_objects (as heapdiff -s; also
                         -sample_index=S, pprof's spelling)
      --nodecount N      rows of the two-snapshot table (default: what
                         go tool pprof -top shows)
      --no-gc            do not ask for a garbage collection before each
                         snapshot (leave out ?gc=1)
      --fail-on-leak     exit 1 when a call path is a leak suspect
                         (three or more snapshots)
  -h, --help             show this help

Files in DIR: heap-1-<time>.pb.gz ... heap-N-<time>.pb.gz (the snapshots),
report.txt (heapdiff's output, also printed), diff.svg. Ctrl-C during
the series compares the snapshots already taken (two or more). Each
download has a connect timeout (5s) and a read timeout (30s without data):
STACKTOOLS_CONNECT_TIMEOUT, STACKTOOLS_READ_TIMEOUT.
The tools are found next to this script, in the repository's build/, or
on PATH; STACKTOOLS_BUILD=DIR picks a build folder.
Exit status: 0 success, 1 --fail-on-leak and a leak suspect,
2 bad usage, failed download, unreadable profile, or Ctrl-C before the
second snapshot.

Examples:
  go-heap-diff -i 5m localhost:6060
  go-heap-diff -n 4 -i 10m --fail-on-leak -o heap-incident http://10.0.0.7:6060
  go-heap-diff -s alloc_space -i 30s http://127.0.0.1:6060
EOF
}

URL="http://127.0.0.1:6060"
COUNT=2
INTERVAL=60s
DIR=""
INDEX=inuse_space
NODECOUNT=()
GC="?gc=1"
FAIL=()
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -n|--count) need_value "$1" $#; COUNT="$2"; shift 2 ;;
    -i|--interval) need_value "$1" $#; INTERVAL="$2"; shift 2 ;;
    -o|--dir) need_value "$1" $#; DIR="$2"; shift 2 ;;
    -s|--sample-index|-sample_index) need_value "$1" $#; INDEX="$2"; shift 2 ;;
    -sample_index=*) INDEX="${1#*=}"; shift ;;
    --nodecount) need_value "$1" $#; NODECOUNT=(--nodecount "$2"); shift 2 ;;
    --no-gc) GC=""; shift ;;
    --fail-on-leak) FAIL=(--fail-on-leak); shift ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
if ! [[ "$COUNT" =~ ^[0-9]+$ ]] || [ "$COUNT" -lt 2 ]; then die "--count must be a number >= 2"; fi
[ ${#NODECOUNT[@]} -eq 0 ] || [[ "${NODECOUNT[1]}" =~ ^[1-9][0-9]*$ ]] ||
  die "--nodecount must be a number >= 1"
to_seconds "$INTERVAL" > /dev/null
[ ${#FAIL[@]} -eq 0 ] || [ "$COUNT" -ge 3 ] ||
  die "--fail-on-leak needs --count 3 or more (one comparison cannot tell a leak from a bump)"
case "$INDEX" in
  inuse_space|alloc_space) UNIT=bytes ;;
  inuse_objects|alloc_objects) UNIT=objects ;;
  *) die "--sample-index must be inuse_space, inuse_objects, alloc_space or alloc_objects" ;;
esac
BASE="$(pprof_base "$URL")"
[ -n "$DIR" ] || DIR="heap-$(utc_stamp)"

HEAPDIFF="$(find_tool heapdiff)"
FLAMESVG="$(find_tool flamesvg)"
own_dir "$DIR"

fetch_series "$COUNT" "$INTERVAL" "$BASE/debug/pprof/heap$GC" "$DIR/heap" .pb.gz snapshot
SNAPS=("${SERIES[@]}")
COUNT=${#SNAPS[@]}

FIRST="${SNAPS[0]}"
LAST="${SNAPS[$((COUNT - 1))]}"
rc=0
if [ "$COUNT" -eq 2 ]; then
  "$HEAPDIFF" -s "$INDEX" "${NODECOUNT[@]}" "${FAIL[@]}" "$FIRST" "$LAST" \
    > "$DIR/report.txt" || rc=$?
else
  "$HEAPDIFF" -s "$INDEX" "${FAIL[@]}" "${SNAPS[@]}" > "$DIR/report.txt" || rc=$?
fi
[ "$rc" -le 1 ] || exit "$rc"
VERDICT="$(verdict_heap_report "$DIR/report.txt" "$COUNT")"
printf '== verdict\n%s\n\n' "$VERDICT"
cat "$DIR/report.txt"

"$HEAPDIFF" -s "$INDEX" --folded "$FIRST" "$LAST" |
  "$FLAMESVG" --diff --countname "$UNIT" \
    --title "heap $INDEX: ${FIRST##*/} -> ${LAST##*/}" \
    > "$DIR/diff.svg.tmp" || { rm -f "$DIR/diff.svg.tmp"; exit 2; }
mv "$DIR/diff.svg.tmp" "$DIR/diff.svg"
printf '\n== verdict\n%s\n' "$VERDICT"
echo "$PROG: snapshots and report in $DIR/; differential flame graph: $DIR/diff.svg"
exit "$rc"
