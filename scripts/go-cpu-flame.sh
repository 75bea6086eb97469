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
net/http/pprof handler; URL: http://host:port or host:port, default
127.0.0.1:6060), keeps it, draws it as a flame graph (stackfold |
flamesvg) and prints the functions that used the most CPU (heapdiff, the
same table as go tool pprof -top): the service's own code first, then all
functions, then the hottest own function and source line.

Options:
  -d, --duration T    how long the service profiles itself: seconds, or
                      30s, 5m, 1h (default 30s)
      --seconds N     the same (-s N, the old spelling, still works but is
                      deprecated: -s is --sample-index in go-heap-diff and
                      heapdiff)
  -o, --output SVG    the flame graph (default cpu-<UTC time>.svg); the raw
                      profile is kept beside it as the same name with .pb.gz
  -t, --title TEXT    flame graph title (default "CPU <URL> <N>s <UTC time>")
      --top N         rows of each table on standard output (default 15;
                      0 prints none)
      --cum           sort the tables by cumulative time (pprof -cum)
      --module PATH   the service's own Go module (default: the module
                      line of ./go.mod, else the profile's module named like
                      its main binary, else the most frequent non-standard
                      module in it; package main always counts)
  -h, --help          show this help

Own code's time includes the library calls it makes (heapdiff --show, as
pprof -show): main.handler that spends its time in crypto/sha256 is
ranked by that time. The line above the tables says how own code was
told apart (which evidence). Open the SVG in a browser: hover for counts,
click to zoom, Ctrl-F to search. Timeouts: 5s to connect, then the
profile's length plus 30s (STACKTOOLS_CONNECT_TIMEOUT,
STACKTOOLS_READ_TIMEOUT). The tools are found next to this script, in the
repository's build/, or on PATH; STACKTOOLS_BUILD=DIR picks a build folder.

Exit status: 0 success, 2 bad usage, failed download or unreadable profile.

Examples:
  go-cpu-flame localhost:6060
  go-cpu-flame -d 10s --top 5 --cum -o cpu.svg http://10.0.0.7:6060
  go-cpu-flame --module github.com/acme/shop http://127.0.0.1:6060
EOF
}

URL="http://127.0.0.1:6060"
DURATION=30
OUT=""
TITLE=""
TOP=15
CUM=()
MODULE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -d|--duration|--seconds) need_value "$1" $#; DURATION="$2"; shift 2 ;;
    -s) need_value "$1" $#; DURATION="$2"; shift 2
        warn "-s is deprecated here (it means --sample-index in go-heap-diff and heapdiff): use -d ${DURATION}s" ;;
    -o|--output) need_value "$1" $#; OUT="$2"; shift 2 ;;
    -t|--title) need_value "$1" $#; TITLE="$2"; shift 2 ;;
    --top) need_value "$1" $#; TOP="$2"; shift 2 ;;
    --cum) CUM=(--cum); shift ;;
    --module) need_value "$1" $#; MODULE="$2"; shift 2 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
SECONDS_ARG="$(to_whole_seconds "$DURATION" --duration)"
[[ "$TOP" =~ ^[0-9]+$ ]] || die "--top must be a number"
BASE="$(pprof_base "$URL")"
STAMP="$(utc_stamp)"
[ -n "$OUT" ] || OUT="cpu-$STAMP.svg"
[ -n "$TITLE" ] || TITLE="CPU $BASE ${SECONDS_ARG}s $STAMP"
PROFILE="${OUT%.svg}.pb.gz"

STACKFOLD="$(find_tool stackfold)"
FLAMESVG="$(find_tool flamesvg)"
HEAPDIFF="$(find_tool heapdiff)"
own_dir "$(dirname "$OUT")"

fetch "$BASE/debug/pprof/profile?seconds=$SECONDS_ARG" "$PROFILE" "$SECONDS_ARG" || exit 2
"$HEAPDIFF" --nodecount 1 "$PROFILE" > /dev/null || { rm -f "$PROFILE"; exit 2; }

if [ "$TOP" -gt 0 ]; then
  # heapdiff's header, the own code's rows, then every function's rows.
  all="$("$HEAPDIFF" --nodecount "$TOP" "${CUM[@]}" "$PROFILE")" || exit 2
  printf '%s\n' "$all" | sed '/ flat%  *sum%/,$d'
  own_code "$PROFILE" "$MODULE"
  echo "Own code: $OWN_EVIDENCE; time with the library calls it makes (--show '$OWN_RE'):"
  "$HEAPDIFF" --show "$OWN_RE" --nodecount "$TOP" "${CUM[@]}" "$PROFILE" |
    sed -n '/ flat%  *sum%/,$p'
  echo "All functions:"
  printf '%s\n' "$all" | sed -n '/ flat%  *sum%/,$p'
fi
# Write beside the target and rename, so a failure leaves no half SVG.
"$STACKFOLD" "$PROFILE" | "$FLAMESVG" --title "$TITLE" --countname nanoseconds \
  > "$OUT.tmp" || { rm -f "$OUT.tmp"; exit 2; }
mv "$OUT.tmp" "$OUT"
echo "$PROG: profile: $PROFILE"
echo "$PROG: flame graph: $OUT (open it in a browser)"
echo "$PROG: $(verdict_cpu "$PROFILE" "$MODULE")"
