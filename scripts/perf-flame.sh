#!/usr/bin/env bash
# perf-flame: sample on-CPU stacks with perf and draw a flame graph.
set -euo pipefail
PROG=perf-flame
SELF_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
for lib in "$SELF_DIR/lib_go_fetch.sh" "$SELF_DIR/../share/stacktools/lib_go_fetch.sh"; do
  # shellcheck source=lib_go_fetch.sh
  [ -f "$lib" ] && { . "$lib"; break; }
done
declare -F find_tool >/dev/null || { echo "$PROG: lib_go_fetch.sh not found next to $0" >&2; exit 2; }

usage() {
  cat <<'EOF'
Usage: perf-flame [options] -p PID
       perf-flame [options] -a
       perf-flame [options] -- COMMAND [ARG...]

Samples on-CPU call stacks with perf (perf record -g, then perf script),
folds them (stackfold), draws a flame graph (flamesvg) and prints the
functions with the most samples of their own. For programs built with
frame pointers (C, C++, Rust with -C force-frame-pointers), or -g dwarf;
Java/Node with their perf maps.

Go programs: perf's frame-pointer walk stops in Go assembly, cgo and
signal frames, so part of the time lands in [unknown] frames or cut
stacks. perf-flame says so when the target is a Go binary (and how many
samples were affected); for a Go service, go-cpu-flame (the runtime's own
profiler, net/http/pprof) gives whole Go stacks.

What to sample (one of):
  -p, --pid PID        a running process, all its threads, for --duration
  -a, --all-cpus       the whole system, for --duration
  -- COMMAND [ARG...]  run COMMAND under perf until it exits (or until
                       --duration, when given)

Options:
  -F, --freq HZ        samples per second (default 99)
  -d, --duration T     how long to sample: seconds, or 30s, 5m, 1h
                       (default 30s with -p and -a)
  -g, --call-graph M   how perf walks stacks: fp (frame pointers, default),
                       dwarf (no frame pointers needed; bigger data), lbr
  -o, --output SVG     the flame graph (default perf-<UTC time>.svg); the
                       folded stacks are kept beside it (.folded) for
                       stackfold --merge or flamesvg --diff later
  -t, --title TEXT     flame graph title (default: what was sampled)
  -k, --keep-data      keep perf.data beside the SVG (.perf.data)
      --top N          rows of the table of the functions with the most
                       samples of their own (default 10; 0 prints none)
  -h, --help           show this help

perf needs permission to sample: root, or kernel.perf_event_paranoid <= 1
for your own processes (-1 for -a). Kernel frames need <= 1 too.
The tools are found next to this script, in the repository's build/, or
on PATH; STACKTOOLS_BUILD=DIR picks a build folder.

Exit status: 0 success, 2 bad usage, perf failed or recorded no samples.

Examples:
  perf-flame -p "$(pidof mysvc)" -d 30s -o spike.svg
  perf-flame -a -d 10
  perf-flame -F 999 -o build.svg -- make -j8
EOF
}

PID=""
ALL=0
FREQ=99
DURATION=""
CALLGRAPH=fp
OUT=""
TITLE=""
KEEP=0
TOP=10
CMD=()
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -h|--help) usage; exit 0 ;;
    -p|--pid) need_value "$1" $#; PID="$2"; shift 2 ;;
    -a|--all-cpus) ALL=1; shift ;;
    -F|--freq) need_value "$1" $#; FREQ="$2"; shift 2 ;;
    -d|--duration) need_value "$1" $#; DURATION="$2"; shift 2 ;;
    -g|--call-graph) need_value "$1" $#; CALLGRAPH="$2"; shift 2 ;;
    -o|--output) need_value "$1" $#; OUT="$2"; shift 2 ;;
    -t|--title) need_value "$1" $#; TITLE="$2"; shift 2 ;;
    -k|--keep-data) KEEP=1; shift ;;
    --top) need_value "$1" $#; TOP="$2"; shift 2 ;;
    --) shift; CMD=("$@"); break ;;
    *) die "unknown argument $1 (see --help; a command goes after --)" ;;
  esac
done
targets=0
[ -n "$PID" ] && targets=$((targets + 1))
[ "$ALL" = 1 ] && targets=$((targets + 1))
[ ${#CMD[@]} -gt 0 ] && targets=$((targets + 1))
[ "$targets" -eq 1 ] || die "give exactly one of -p PID, -a, or -- COMMAND (see --help)"
[ -z "$PID" ] || [[ "$PID" =~ ^[0-9]+$ ]] || die "-p needs a process id, not '$PID'"
[ -z "$PID" ] || kill -0 "$PID" 2>/dev/null || [ -d "/proc/$PID" ] ||
  die "no process $PID"
[[ "$FREQ" =~ ^[1-9][0-9]*$ ]] || die "--freq must be a number >= 1"
[ -z "$DURATION" ] || DURATION="$(to_seconds "$DURATION")"
[[ "$TOP" =~ ^[0-9]+$ ]] || die "--top must be a number"
case "$CALLGRAPH" in fp|dwarf|lbr) ;; *) die "--call-graph must be fp, dwarf or lbr" ;; esac
command -v perf >/dev/null 2>&1 ||
  die "perf not found (Debian: apt-get install linux-perf)"

STACKFOLD="$(find_tool stackfold)"
FLAMESVG="$(find_tool flamesvg)"

[ -n "$OUT" ] || OUT="perf-$(utc_stamp).svg"
mkdir -p "$(dirname "$OUT")"
STEM="${OUT%.svg}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/perf-flame.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/perf.data"

record=(perf record -q -F "$FREQ" --call-graph "$CALLGRAPH" -o "$DATA")
if [ -n "$PID" ]; then
  what="pid $PID ($(cat "/proc/$PID/comm" 2>/dev/null || echo '?'))"
  record+=(-p "$PID" -- sleep "${DURATION:-30}")
elif [ "$ALL" = 1 ]; then
  what="all CPUs"
  record+=(-a -- sleep "${DURATION:-30}")
else
  what="${CMD[*]}"
  if [ -n "$DURATION" ]; then
    record+=(-- timeout --signal=INT "$DURATION" "${CMD[@]}")
  else
    record+=(-- "${CMD[@]}")
  fi
fi
[ -n "$TITLE" ] || TITLE="perf: $what"
# A Go binary: the process's executable, or the command as PATH finds it.
exe=""
if [ -n "$PID" ]; then
  exe="/proc/$PID/exe"
elif [ ${#CMD[@]} -gt 0 ]; then
  exe="$(command -v "${CMD[0]}" 2>/dev/null || true)"
fi
GO_TARGET=0
if [ -n "$exe" ] && is_go_binary "$exe"; then
  GO_TARGET=1
  warn "$what is a Go program: perf's frame-pointer walk stops in Go assembly and cgo, so some stacks end in [unknown] or are cut short; for whole Go stacks use go-cpu-flame on its net/http/pprof (go-cpu-flame -d 30s host:port)"
fi
echo "$PROG: sampling $what at $FREQ Hz${DURATION:+ for ${DURATION}s} ..." >&2
# perf record's own status is the command's when it runs one; what matters
# is whether it wrote samples, checked below.
"${record[@]}" || true
[ -s "$DATA" ] || die "perf record wrote nothing (see its message above; permissions: /proc/sys/kernel/perf_event_paranoid is $(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo '?'))"

perf script -i "$DATA" 2>"$WORK/script.err" | "$STACKFOLD" > "$STEM.folded.tmp" || {
  cat "$WORK/script.err" >&2
  rm -f "$STEM.folded.tmp"
  die "perf script | stackfold failed"
}
mv "$STEM.folded.tmp" "$STEM.folded"
[ -s "$STEM.folded" ] || die "no samples recorded (did $what run on a CPU?)"
# stackfold counts perf's period: nanoseconds for the software clocks
# perf falls back to in VMs and containers, events (cycles ...) otherwise.
event="$(perf evlist -i "$DATA" 2>/dev/null | head -n 1)"
event="${event%%:*}"
case "$event" in
  cpu-clock|task-clock) countname=nanoseconds ;;
  "") countname=samples ;;
  *) countname="$event" ;;
esac
"$FLAMESVG" --title "$TITLE" --countname "$countname" \
  --subtitle "perf record -F $FREQ --call-graph $CALLGRAPH" "$STEM.folded" > "$OUT.tmp" || { rm -f "$OUT.tmp"; exit 2; }
mv "$OUT.tmp" "$OUT"
if [ "$KEEP" = 1 ]; then
  mv "$DATA" "$STEM.perf.data"
  echo "$PROG: perf data: $STEM.perf.data"
fi
if [ "$GO_TARGET" = 1 ]; then
  awk '{ n = $NF; t += n; if ($0 ~ /\[unknown\]/) u += n }
       END { if (t > 0 && u > 0) printf "%.1f%% of the samples went through an [unknown] frame\n", 100 * u / t }' \
    "$STEM.folded" | while read -r line; do warn "$line (go-cpu-flame does not have this problem)"; done
fi
if [ "$TOP" -gt 0 ]; then
  echo "Top functions by own samples ($countname):"
  top_self "$STEM.folded" "$TOP"
fi
echo "$PROG: $(wc -l < "$STEM.folded") distinct stacks: $STEM.folded"
echo "$PROG: flame graph: $OUT (open it in a browser)"
