#!/usr/bin/env bash
# Shared helpers for the bench_*.sh scripts (sourced, not run).
# measure LABEL INPUT_BYTES RUNS -- COMMAND...   (stdout of COMMAND discarded)
# prints: LABEL  seconds(median)  MiB/s of input  peak RSS MiB(max)

BENCH_TMP="${BENCH_TMP:-${TMPDIR:-/tmp}/stacktools-bench}"
mkdir -p "$BENCH_TMP"

# Decompresses a .gz once into $BENCH_TMP (timing a pipe would time gunzip).
unpacked() {
  local src="$1" dst="$BENCH_TMP/$(basename "${1%.gz}")"
  if [ ! -s "$dst" ]; then zcat "$src" > "$dst.part" && mv "$dst.part" "$dst"; fi
  echo "$dst"
}

measure() {
  local label="$1" bytes="$2" runs="$3"
  shift 4
  local times=() rss=0 i t r
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$BENCH_TMP/time.out" "$@" > /dev/null 2> "$BENCH_TMP/stderr.out" ||
      { echo "$label: command failed: $*" >&2; sed -n 1,5p "$BENCH_TMP/stderr.out" >&2; return 1; }
    read -r t r < <(tail -n 1 "$BENCH_TMP/time.out")
    times+=("$t")
    (( r > rss )) && rss=$r
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v l="$label" -v s="$median" -v b="$bytes" -v r="$rss" 'BEGIN {
    mibs = (s > 0) ? b / 1048576 / s : 0;
    printf "  %-44s %8.3f s %10.1f MiB/s %9.1f MiB peak RSS\n", l, s, mibs, r / 1024 }'
}
