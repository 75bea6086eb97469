#!/usr/bin/env bash
# End-to-end checks of the heapdiff binary on testdata/heapdiff: exact
# pprof -top output, every output mode, and the exit codes and messages of
# bad inputs. Usage: heapdiff_e2e.sh HEAPDIFF TESTDATA_DIR STACKFOLD
set -euo pipefail
H="$1"
D="$2"
SF="$3"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export TZ=UTC
fail=0
check() {  # name, then a command whose success means the check passed
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}

# pprof -top, byte for byte.
"$H" "$D/1.heap" "$D/2.heap" > "$T/top.txt"
check "top inuse_space = pprof" cmp -s "$T/top.txt" "$D/diff.inuse_space.pprof-top.txt"
"$H" --sample-index alloc_space --base "$D/1.heap" "$D/2.heap" > "$T/alloc.txt"
check "top alloc_space = pprof" cmp -s "$T/alloc.txt" "$D/diff.alloc_space.pprof-top.txt"
# pprof's own spelling, as typed from habit (issue 16): the same bytes.
"$H" -top -sample_index=alloc_space -base "$D/1.heap" "$D/2.heap" > "$T/habit.txt"
check "pprof-style flags = pprof" cmp -s "$T/habit.txt" "$D/diff.alloc_space.pprof-top.txt"
"$H" -nodecount=3 -cum "$D/1.heap" "$D/2.heap" > "$T/habit3.txt"
"$H" --nodecount 3 --cum "$D/1.heap" "$D/2.heap" > "$T/posix3.txt"
check "pprof-style -nodecount -cum" cmp -s "$T/habit3.txt" "$T/posix3.txt"
check "pprof-style -nodecount: 3 rows" test "$(grep -c 'main\.\|runtime\.\|net/http' "$T/habit3.txt")" -le 3
rc=0; "$H" -no_such_flag "$D/1.heap" 2> "$T/err" > /dev/null || rc=$?
check "unknown one-dash flag: usage error" bash -c "[ $rc = 2 ] && grep -qxF \"heapdiff: unrecognised option '-no_such_flag' (try --help)\" '$T/err'"
# stdin works as the second profile.
"$H" "$D/1.heap" - < "$D/2.heap" > "$T/stdin.txt"
check "stdin input" cmp -s "$T/stdin.txt" "$D/diff.inuse_space.pprof-top.txt"

# Legacy text pair (gzipped), no binary: same leading rows, inline kept.
"$H" "$D/1.heap.txt.gz" "$D/2.heap.txt.gz" > "$T/text.txt"
check "legacy MemStats line" grep -q '^MemStats: HeapInuse 1.75MB -> 3.58MB (+1.83MB); HeapObjects 2209 -> 5051 (+2842); NumGC 34 -> 109 (+75)$' "$T/text.txt"
rows() {  # flat value and name of the first 6 rows
  sed -n '/flat%/,+6p' "$1" | sed -E 's/^ *([^ ]+) +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+  /\1 /'
}
check "legacy rows = protobuf rows" diff <(rows "$T/text.txt") <(rows "$T/top.txt")
check "legacy inline frame" grep -q '4.69kB .*main.runQuery (inline)$' "$T/text.txt"

# --folded: differential folded stacks.
"$H" --folded "$D/1.heap" "$D/2.heap" > "$T/folded.txt"
check "folded line" grep -qx 'net/http.(\*conn).serve;net/http.serverHandler.ServeHTTP;net/http.(\*ServeMux).ServeHTTP;net/http.HandlerFunc.ServeHTTP;main.main.func1;main.newSession 433816 1305496' "$T/folded.txt"
check "folded sorted" bash -c "LC_ALL=C sort -c '$T/folded.txt'"

# One converter: heapdiff --folded of one profile is what stackfold folds,
# protobuf or legacy text; a diff's AFTER column is those stacks again.
for f in 2.heap 2.heap.txt.gz; do
  "$SF" "$D/$f" > "$T/sf.$f"
  "$H" --folded "$D/$f" > "$T/hd.$f"
  check "heapdiff --folded $f = stackfold" cmp -s "$T/sf.$f" "$T/hd.$f"
done
awk '$NF != 0 { $(NF-1) = ""; sub(/  /, " "); print }' "$T/folded.txt" > "$T/after.txt"
check "folded diff AFTER = stackfold" cmp -s "$T/after.txt" "$T/sf.2.heap"

# --json.
"$H" --json --nodecount 2 "$D/1.heap" "$D/2.heap" > "$T/out.json"
check "json" grep -q '"entries":\[$' "$T/out.json"
check "json entry" grep -qF '{"name":"main.newSession","inline":"","flat":871680,"cum":871680,"before":433816,"after":1305496,"flat_before":433816,"flat_after":1305496,"status":"grown"}' "$T/out.json"
check "json totals" grep -qF '"total_before":1052800,"total_after":2870928' "$T/out.json"

# --all-types.
"$H" --all-types --nodecount 3 "$D/1.heap" "$D/2.heap" > "$T/all.txt"
check "all-types row" grep -qE '^ +\+809 +\+874.67kB +\+800 +\+851.25kB +1.06kB grown +main.newSession$' "$T/all.txt"

# Series: only the leaking path is a suspect (exact counts: it grew at
# every step); the sawtooth comes back.
"$H" "$D"/series/{1,2,3,4,5}.heap > "$T/series.txt"
check "series suspects" grep -qx 'Leak suspects: 1 of 14 paths' "$T/series.txt"
check "series rule, exact counts" grep -qx '  never fell more than 1.5 g below an earlier peak; g = 1 (exact counts)' "$T/series.txt"
check "series leak" bash -c "sed -n 10p '$T/series.txt' | grep -qE '^ +\+1.98MB +\+171.83GB  leak: every step      506kB -> .*  main.registerClient < main.main < runtime.main$'"
check "series sawtooth comes back" grep -qE '^ +\+96B .* comes back +0 -> 3.13MB -> 0 -> 3.13MB -> 96B  main.decodeFrame < ' "$T/series.txt"
"$H" --json "$D"/series/{1,2,3,4,5}.heap > "$T/series.json"
check "series json" grep -qF '"values":[518144,1036288,1556480,2080768,2592768],"growth":2074624,"monotonic":true,"granularity":1,"leak":true,"verdict":"every_step"' "$T/series.json"

rc=0; "$H" --fail-on-leak "$D"/series/{1,2,3,4,5}.heap > /dev/null || rc=$?
check "--fail-on-leak exits 1" test "$rc" = 1
rc=0; "$H" --fail-on-leak "$D"/series/{2,3,2}.heap > /dev/null || rc=$?
check "--fail-on-leak without a leak exits 0" test "$rc" = 0

# Real Go heap profiles at the default MemProfileRate (512 KiB): a slow
# leak with a flat step is found, ranked first, with its rate per hour
# from the profiles' times; the sawtooth, the bump and the noisy cache
# are not; a healthy run of the same program has no suspect.
L="$D/trend/leak" HL="$D/trend/healthy"
rc=0; "$H" --fail-on-leak "$L"/{1,2,3,4,5,6}.heap > "$T/trend.txt" || rc=$?
check "trend: leak exits 1" test "$rc" = 1
check "trend: taken at" grep -qx 'Taken at: 0s 2.0s 4.0s 6.1s 8.1s 10s (from the profiles'"'"' times)' "$T/trend.txt"
check "trend: sampled rule" grep -qx "  never fell more than 1.5 g below an earlier peak; g = one sample (heap sampling period 512kB; scaled by each path's object size)" "$T/trend.txt"
check "trend: one suspect" grep -qx 'Leak suspects: 1 of 8 paths' "$T/trend.txt"
check "trend: the leak first, flat step" bash -c "sed -n 10p '$T/trend.txt' | grep -qxE ' +\+3.05MB +\+1.04GB  leak: 4 of 5 steps    15.74MB -> 16.76MB -> 16.76MB -> 17.77MB -> 18.28MB -> 18.79MB  main.newSession < main.main < runtime.main'"
for fn in main.loadBatch main.decodeFrame main.cacheFill; do
  check "trend: $fn comes back" grep -qE "  comes back  .*  $fn < main.main" "$T/trend.txt"
done
rc=0; "$H" --fail-on-leak "$L"/{1,2,3,4}.heap > "$T/trend4.txt" || rc=$?
check "trend: four snapshots, 2 of 3 steps" bash -c "[ $rc = 1 ] && grep -qE '  leak: 2 of 3 steps +15.74MB -> 16.76MB -> 16.76MB -> 17.77MB  main.newSession' '$T/trend4.txt'"
rc=0; "$H" --fail-on-leak "$HL"/*.heap > "$T/healthy.txt" || rc=$?
check "trend: healthy exits 0" bash -c "[ $rc = 0 ] && grep -qx 'Leak suspects: 0 of 6 paths' '$T/healthy.txt'"
rc=0; "$H" --fail-on-leak -s inuse_objects "$L"/*.heap > "$T/objects.txt" || rc=$?
check "trend: objects leak" bash -c "[ $rc = 1 ] && grep -qE '^ +\+195 .*leak: 4 of 5 steps .*main.newSession <' '$T/objects.txt'"
rc=0; "$H" --fail-on-leak --leak-min-growth 8 "$L"/*.heap > "$T/strict.txt" || rc=$?
check "trend: --leak-min-growth 8 (6 samples grew)" bash -c "[ $rc = 0 ] && grep -qE 'too small +15.74MB' '$T/strict.txt' && grep -qx 'Leak rule: net growth at least 8 g and 10% of the first value; rose at every step, or at 2 or more and at least half of them;' '$T/strict.txt'"
rc=0; "$H" --fail-on-leak -s alloc_space "$L"/*.heap > "$T/alloc.txt" || rc=$?
check "trend: alloc_space not judged" bash -c "[ $rc = 0 ] && grep -qx 'Leak suspects: not judged (alloc_space)' '$T/alloc.txt'"
rc=0; "$H" --leak-fall-tolerance -1 "$L"/*.heap > /dev/null 2> "$T/err" || rc=$?
check "trend: bad threshold" bash -c "[ $rc = 2 ] && grep -qx 'heapdiff: --leak-\* thresholds must be numbers >= 0 (try --help)' '$T/err'"
"$H" --json "$L"/*.heap > "$T/trend.json"
check "trend: json" grep -qF '"monotonic":false,"leak":true,"period":524288,"span_seconds":10.' "$T/trend.json"
check "trend: json entry" grep -qF '"growth":3195136,"monotonic":false,"granularity":532527,"leak":true,"verdict":"steady","rising_steps":4,"fall":0,' "$T/trend.json"
"$H" --focus nosuchfn "$D/1.heap" "$D/2.heap" 2> "$T/warn" > /dev/null
check "filter matching nothing warns" grep -qx 'heapdiff: warning: focus expression matched no samples: nosuchfn' "$T/warn"

# Bad inputs: exit 2, a message naming the file, nothing on stdout.
printf '' > "$T/empty"
echo "hello" > "$T/hello.txt"
head -c 3000 "$D/2.heap" > "$T/trunc.heap"
# gzip dies of SIGPIPE when head has its bytes: not a failure (pipefail).
{ gzip -dc "$D/2.heap" || true; } | head -c 5000 > "$T/cut.pb"
bad() {  # file, expected message part
  local out rc=0
  out="$("$H" "$D/1.heap" "$1" 2>&1 >"$T/stdout")" || rc=$?
  check "bad input $(basename "$1")" bash -c "[ $rc = 2 ] && [ ! -s '$T/stdout' ] && grep -qF -- '$2' <<<'$out'"
}
bad "$T/empty" "empty: empty profile"
bad "$T/hello.txt" "hello.txt: not a pprof profile (text, but not a legacy heap profile; bad protobuf at byte"
bad "$T/trunc.heap" "trunc.heap: truncated gzip data"
bad "$T/cut.pb" "cut.pb: not a pprof profile (bad protobuf at byte 4980)"
bad "$T/missing" "missing: No such file"
# Malformed legacy records: skipped with one warning after the output, or
# with --strict nothing written and the first named.
printf 'heap profile: 2: 20 [2: 20] @ heap/2\n1: 10 [1: 10] @ 0x11\n#\t0x10\tmain.a+0x0\t/a.go:1\n\ngarbage\n1: 10 [1: 10] @ 0x21\n#\t0x20\tmain.b+0x0\t/a.go:2\n' > "$T/bad.heap"
rc=0; "$H" --folded "$T/bad.heap" > "$T/stdout" 2> "$T/err" || rc=$?
printf 'main.a 10\nmain.b 10\n' > "$T/bad.want"
check "bad record skipped" bash -c "[ $rc = 0 ] && cmp -s '$T/stdout' '$T/bad.want'"
check "bad record warning" grep -qx "heapdiff: warning: skipped 1 malformed line (first: $T/bad.heap:5: malformed heap record)" "$T/err"
rc=0; "$H" --strict --folded "$T/bad.heap" > "$T/stdout" 2> "$T/err" || rc=$?
check "bad record --strict" bash -c "[ $rc = 2 ] && [ ! -s '$T/stdout' ] && grep -qx 'heapdiff: malformed line at $T/bad.heap:5: malformed heap record' '$T/err'"
rc=0; "$SF" --strict "$T/bad.heap" > "$T/stdout" 2> "$T/err" || rc=$?
check "stackfold bad record --strict" bash -c "[ $rc = 2 ] && [ ! -s '$T/stdout' ] && grep -qx 'stackfold: malformed line at $T/bad.heap:5: malformed heap record' '$T/err'"

rc=0; "$H" --sample-index nope "$D/2.heap" 2>"$T/err" >/dev/null || rc=$?
check "bad sample index" bash -c "[ $rc = 2 ] && grep -q 'must be one of' '$T/err'"
exit $fail
