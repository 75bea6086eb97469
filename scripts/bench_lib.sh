#!/usr/bin/env bash
# Shared helpers for the bench_*.sh scripts (sourced, not run).
#
# measure LABEL INPUT_BYTES RUNS [LOOPS] -- COMMAND...
#   Runs COMMAND (stdout discarded) RUNS times; each timing covers LOOPS
#   back-to-back runs (default 1), so inputs that take milliseconds are not
#   lost in the clock's steps. Prints: LABEL  seconds (median, per run)
#   MiB/s of input  peak RSS MiB (max); sets LAST_WALL and LAST_RSS (KiB).
# baseline_bin TOOL
#   The same tool built from the baseline commit (scripts/bench.sh
#   --baseline REV sets BASELINE_BUILD_DIR and BASELINE_LABEL), or nothing.

BENCH_TMP="${BENCH_TMP:-${TMPDIR:-/tmp}/stacktools-bench}"
mkdir -p "$BENCH_TMP"

# Decompresses a .gz once into $BENCH_TMP (timing a pipe would time gunzip).
unpacked() {
  local src="$1" dst="$BENCH_TMP/$(basename "${1%.gz}")"
  if [ ! -s "$dst" ]; then zcat "$src" > "$dst.part" && mv "$dst.part" "$dst"; fi
  echo "$dst"
}

measure() {
  local label="$1" bytes="$2" runs="$3" loops=1
  if [ "$4" != "--" ]; then loops="$4"; shift; fi
  shift 4
  local times=() rss=0 i k t0 t1 r
  for ((i = 0; i < runs; i++)); do
    t0="$EPOCHREALTIME"
    # Exit status 1 is a finding (a leak verdict), not a failure.
    /usr/bin/time -f "%M" -o "$BENCH_TMP/time.out" "$@" > /dev/null 2> "$BENCH_TMP/stderr.out" ||
      [ $? -eq 1 ] ||
      { echo "$label: command failed: $*" >&2; sed -n 1,5p "$BENCH_TMP/stderr.out" >&2; return 1; }
    for ((k = 1; k < loops; k++)); do "$@" > /dev/null 2>&1; done
    t1="$EPOCHREALTIME"
    times+=("$(awk -v a="$t0" -v b="$t1" -v n="$loops" 'BEGIN {printf "%.6f", (b - a) / n}')")
    r=$(tail -n 1 "$BENCH_TMP/time.out")
    (( r > rss )) && rss=$r
  done
  LAST_WALL=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  LAST_RSS=$rss
  awk -v l="$label" -v s="$LAST_WALL" -v b="$bytes" -v r="$rss" 'BEGIN {
    mibs = (s > 0) ? b / 1048576 / s : 0;
    printf "  %-48s %8.3f s %10.1f MiB/s %9.1f MiB peak RSS\n", l, s, mibs, r / 1024 }'
}

baseline_bin() {
  local bin="${BASELINE_BUILD_DIR:-}/cmd/$1/$1"
  if [ -n "${BASELINE_BUILD_DIR:-}" ] && [ -x "$bin" ]; then echo "$bin"; fi
}
