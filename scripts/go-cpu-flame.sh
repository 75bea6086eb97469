#!/usr/bin/env bash
# go-cpu-flame: fetch a CPU profile from a Go service and draw it.
set -euo pipefail
PROG=go-cpu-flame
SELF_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
for lib in "$SELF_DIR/lib_go_fetch.sh" "$SELF_DIR/../share/stacktools/lib_go_fetch.sh"; do
  # shellcheck source=lib_go_fetch.sh
  [ -f "$lib" ] && { . "$lib"; break; }
done
declare -F find_tool >/dev/null || { echo "$PROG: lib_go_fetch.sh not found next to $0" >&2; exit 2; }

usage() {
  cat <<'EOF'
Usage: go-cpu-flame [options] [URL]

Asks a Go service for a CPU profile (URL/debug/pprof/profile?seconds=N, the
net/http/pprof handler; URL defaults to http://127.0.0.1:6060), keeps it,
draws it as a flame graph (stackfold | flamesvg) and prints the functions
that used the most CPU (heapdiff, the same table as go tool pprof -top).

Options:
  -s, --seconds N     how long the service profiles itself (default 30)
  -o, --output SVG    the flame graph (default cpu-<UTC time>.svg); the raw
                      profile is kept beside it as the same name with .pb.gz
  -t, --title TEXT    flame graph title (default "CPU <URL> <N>s <UTC time>")
      --top N         rows of the table on standard output (default 15;
                      0 prints none)
  -h, --help          show this help

Open the SVG in a browser: hover for counts, click to zoom, Ctrl-F to search.
The tools are found next to this script, in the repository's build/, or
on PATH; STACKTOOLS_BUILD=DIR picks a build folder.
Exit status: 0 success, 2 bad usage, failed download or unreadable profile.
EOF
}

URL="http://127.0.0.1:6060"
SECONDS_ARG=30
OUT=""
TITLE=""
TOP=15
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -s|--seconds) need_value "$1" $#; SECONDS_ARG="$2"; shift 2 ;;
    -o|--output) need_value "$1" $#; OUT="$2"; shift 2 ;;
    -t|--title) need_value "$1" $#; TITLE="$2"; shift 2 ;;
    --top) need_value "$1" $#; TOP="$2"; shift 2 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
[[ "$SECONDS_ARG" =~ ^[1-9][0-9]*$ ]] || die "--seconds must be a whole number >= 1"
[[ "$TOP" =~ ^[0-9]+$ ]] || die "--top must be a number"
BASE="$(pprof_base "$URL")"
STAMP="$(utc_stamp)"
[ -n "$OUT" ] || OUT="cpu-$STAMP.svg"
[ -n "$TITLE" ] || TITLE="CPU $BASE ${SECONDS_ARG}s $STAMP"
PROFILE="${OUT%.svg}.pb.gz"
mkdir -p "$(dirname "$OUT")"

STACKFOLD="$(find_tool stackfold)"
FLAMESVG="$(find_tool flamesvg)"
HEAPDIFF="$(find_tool heapdiff)"

echo "$PROG: profiling $BASE for ${SECONDS_ARG}s ..." >&2
fetch "$BASE/debug/pprof/profile?seconds=$SECONDS_ARG" "$PROFILE" \
  $((SECONDS_ARG + 60)) || exit 2

if [ "$TOP" -gt 0 ]; then
  "$HEAPDIFF" --nodecount "$TOP" "$PROFILE" || exit 2
fi
# Write beside the target and rename, so a failure leaves no half SVG.
"$STACKFOLD" "$PROFILE" | "$FLAMESVG" --title "$TITLE" --countname nanoseconds \
  > "$OUT.tmp" || { rm -f "$OUT.tmp"; exit 2; }
mv "$OUT.tmp" "$OUT"
echo "$PROG: profile: $PROFILE"
echo "$PROG: flame graph: $OUT (open it in a browser)"
