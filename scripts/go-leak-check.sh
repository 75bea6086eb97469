#!/usr/bin/env bash
# go-leak-check: goroutine dumps some time apart; exit 1 when stuck groups grew.
set -euo pipefail
PROG=go-leak-check
SELF_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
for lib in "$SELF_DIR/lib_go_fetch.sh" "$SELF_DIR/../share/stacktools/lib_go_fetch.sh"; do
  # shellcheck source=lib_go_fetch.sh
  [ -f "$lib" ] && { . "$lib"; break; }
done
declare -F find_tool >/dev/null || { echo "$PROG: lib_go_fetch.sh not found next to $0" >&2; exit 2; }

usage() {
  cat <<'EOF'
Usage: go-leak-check [options] [URL]

Takes N goroutine dumps of a Go service (URL/debug/pprof/goroutine?debug=2,
the net/http/pprof handler; URL: http://host:port or host:port, default
127.0.0.1:6060) INTERVAL
apart, keeps them, and compares the last with the first with
goleak-cluster --base. A leak is a cluster of goroutines that
goleak-cluster calls a leak suspect (blocked where nothing will wake it)
and that is new or grew by at least --min-growth goroutines. Exit status 1
then, so it can run from cron or CI.

Options:
  -n, --count N          dumps to take (default 2, at least 2)
  -i, --interval T       time between dumps: seconds, or 30s, 5m, 1h
                         (default 60s)
  -o, --dir DIR          folder for the dumps and the report
                         (default goroutines-<UTC time>)
  -m, --min-growth N     goroutines a suspect cluster must gain to count
                         (default 1)
      --stacks           print the suspects' stacks too (report.txt always
                         has them)
  -h, --help             show this help

Prints the stuck clusters (count, where, who started them), then
goleak-cluster's one-line-per-cluster comparison, the stuck clusters
again, and a verdict:
  go-leak-check: LEAK: 3 suspect clusters grew by 6 goroutines (...)
  go-leak-check: no leak: no suspect cluster grew (...)
Files in DIR: goroutine-1-<time>.txt ... (the dumps), report.txt.
Ctrl-C during the series compares the dumps already taken (two or more).
Each download has a connect timeout (5s) and a read timeout (30s without
data): STACKTOOLS_CONNECT_TIMEOUT, STACKTOOLS_READ_TIMEOUT.
The tools are found next to this script, in the repository's build/, or
on PATH; STACKTOOLS_BUILD=DIR picks a build folder.
Exit status: 0 no suspect cluster grew, 1 one did, 2 bad usage, failed
download, unreadable dump, or Ctrl-C before the second dump.

Examples:
  go-leak-check -i 5m localhost:6060
  go-leak-check -n 3 -i 30s -m 10 http://10.0.0.7:6060
  go-leak-check -i 10m -o /var/tmp/leaks 127.0.0.1:6060    # exit 1: a leak
EOF
}

URL="http://127.0.0.1:6060"
COUNT=2
INTERVAL=60s
DIR=""
MIN_GROWTH=1
STACKS=(--no-stacks)
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -n|--count) need_value "$1" $#; COUNT="$2"; shift 2 ;;
    -i|--interval) need_value "$1" $#; INTERVAL="$2"; shift 2 ;;
    -o|--dir) need_value "$1" $#; DIR="$2"; shift 2 ;;
    -m|--min-growth) need_value "$1" $#; MIN_GROWTH="$2"; shift 2 ;;
    --stacks) STACKS=(); shift ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) URL="$1"; shift
       [ $# -eq 0 ] || die "one URL only (got also: $*)" ;;
  esac
done
if ! [[ "$COUNT" =~ ^[0-9]+$ ]] || [ "$COUNT" -lt 2 ]; then die "--count must be a number >= 2"; fi
[[ "$MIN_GROWTH" =~ ^[1-9][0-9]*$ ]] || die "--min-growth must be a number >= 1"
to_seconds "$INTERVAL" > /dev/null
BASE="$(pprof_base "$URL")"
[ -n "$DIR" ] || DIR="goroutines-$(utc_stamp)"

GOLEAK="$(find_tool goleak-cluster)"
own_dir "$DIR"

fetch_series "$COUNT" "$INTERVAL" "$BASE/debug/pprof/goroutine?debug=2" "$DIR/goroutine" .txt dump
DUMPS=("${SERIES[@]}")
FIRST="${DUMPS[0]}"
LAST="${DUMPS[$((${#DUMPS[@]} - 1))]}"

"$GOLEAK" --color never --base "$FIRST" "$LAST" > "$DIR/report.txt" || exit 2
VERDICT="$(verdict_goroutines "$LAST" "$FIRST")"
printf '== verdict\n%s\n\n' "$VERDICT"
"$GOLEAK" --color never "${STACKS[@]}" --base "$FIRST" "$LAST" || exit 2
printf '\n== verdict\n%s\n' "$VERDICT"
# The verdict comes from the JSON report: one cluster per line, with its
# "suspect", "change" (new, grew, shrank, same, gone), "count" and
# "base_count". Every quote inside names is escaped there, so these
# patterns only meet the report's own keys.
json="$("$GOLEAK" --json --base "$FIRST" "$LAST")" || exit 2
read -r grown added < <(printf '%s\n' "$json" | awk -v min="$MIN_GROWTH" '
  /"suspect":true,/ && /"change":"(new|grew)"/ {
    c = $0; sub(/^\{"count":/, "", c); sub(/[^0-9].*/, "", c)
    b = $0; sub(/.*"base_count":/, "", b); sub(/[^0-9].*/, "", b)
    if (c - b >= min) { n++; g += c - b }
  }
  END { print n + 0, g + 0 }')
between="between ${FIRST##*/} and ${LAST##*/}"
if [ "$grown" -gt 0 ]; then
  s=""; [ "$grown" -gt 1 ] && s="s"
  echo "$PROG: LEAK: $grown suspect cluster$s grew by $added goroutines ($between; report: $DIR/report.txt)"
  exit 1
fi
echo "$PROG: no leak: no suspect cluster grew by $MIN_GROWTH or more ($between; report: $DIR/report.txt)"
exit 0
