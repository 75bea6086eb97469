#!/usr/bin/env bash
# goleak-cluster end to end: exact output on bundled dumps, stdin and gzip,
# every output format, exit codes, error messages, truncated and bad input.
# Usage: goleak_cluster_e2e.sh BINARY TESTDATA_DIR [SHARED_DIR]
set -euo pipefail
BIN="$1"
DATA="$2"
SHARED="${3:-}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() {  # name, expected, actual
  if [ "$2" != "$3" ]; then
    fail "$1: expected [$2] got [$3]"
  fi
}
expect_contains() {  # name, needle, file
  grep -qF -- "$2" "$3" || { fail "$1: [$2] not in output"; sed 's/^/  | /' "$3" >&2; }
}
run() {  # runs BIN, stores stdout/stderr/rc
  set +e
  "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  set -e
}

# 1. Exact text output for the bundled dumps (golden files).
for stem in nil-chan-select.debug2 lock-order-deadlock.debug2 \
            panic-crash.stderr leaked-senders.debug1 go123-forms; do
  input="$DATA/$stem.txt"
  run --color=never "$input"
  expect_eq "$stem exit" 0 "$rc"
  if ! diff -u "$DATA/$stem.expected.txt" "$TMP/out" >"$TMP/diff"; then
    fail "$stem: output differs from $stem.expected.txt"
    cat "$TMP/diff" >&2
  fi
  expect_eq "$stem stderr" "" "$(cat "$TMP/err")"
done

# 2. stdin, "-" and gzip give the same bytes as the file.
run --color=never "$DATA/nil-chan-select.debug2.txt"
cp "$TMP/out" "$TMP/file.out"
gzip -c "$DATA/nil-chan-select.debug2.txt" >"$TMP/dump.gz"
set +e
"$BIN" --color=never <"$TMP/dump.gz" >"$TMP/stdin.out"
"$BIN" --color=never - <"$DATA/nil-chan-select.debug2.txt" >"$TMP/dash.out"
set -e
cmp -s "$TMP/file.out" "$TMP/stdin.out" || fail "gzip on stdin differs"
cmp -s "$TMP/file.out" "$TMP/dash.out" || fail "'-' differs"

# 3. CRLF and log-prefixed copies cluster the same way.
sed 's/$/\r/' "$DATA/nil-chan-select.debug2.txt" >"$TMP/crlf.txt"
run --color=never "$TMP/crlf.txt"
cmp -s "$TMP/file.out" "$TMP/out" || fail "CRLF dump differs"
sed 's/^/2024-05-01T10:00:00.000Z app[1234]: /' \
  "$DATA/nil-chan-select.debug2.txt" >"$TMP/prefixed.txt"
run --color=never "$TMP/prefixed.txt"
cmp -s "$TMP/file.out" "$TMP/out" || fail "log-prefixed dump differs"

# 4. --fail-on-leak: 1 with suspects, 0 without.
run --fail-on-leak "$DATA/nil-chan-select.debug2.txt"
expect_eq "fail-on-leak with suspects" 1 "$rc"
run --fail-on-leak --filter 'IO wait' "$DATA/nil-chan-select.debug2.txt"
expect_eq "fail-on-leak, suspects filtered out" 0 "$rc"
# With --base only suspects that are new or grew fail the run.
run --fail-on-leak --base "$DATA/nil-chan-select.debug2.txt" "$DATA/nil-chan-select.debug2.txt"
expect_eq "fail-on-leak --base, nothing grew" 0 "$rc"
run --fail-on-leak --base "$DATA/../scripts/nil-chan-select.before.debug2.txt" "$DATA/nil-chan-select.debug2.txt"
expect_eq "fail-on-leak --base, suspects grew" 1 "$rc"

# 5. JSON and folded.
run --json "$DATA/lock-order-deadlock.debug2.txt"
expect_eq "json exit" 0 "$rc"
expect_contains "json total" '{"total":10,' "$TMP/out"
expect_contains "json cluster" '{"count":3,"state":"semacquire","wait_minutes":{"min":0,"max":0}' "$TMP/out"
expect_contains "json locks" '"locks":[' "$TMP/out"
expect_contains "json inversion" '"holds":"0x92fde8","holds_line":36,"waits_for":"0x92fdf0","waits_line":41' "$TMP/out"
if command -v python3 >/dev/null; then
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" ||
    fail "--json is not valid JSON"
fi
run --folded "$DATA/nil-chan-select.debug2.txt"
expect_contains "folded" 'main.(*Stats).reporter;[chan send (nil chan)] 3' "$TMP/out"
expect_eq "folded lines" 7 "$(wc -l <"$TMP/out" | tr -d ' ')"

# 6. Colour only when asked (stdout is not a terminal here).
run --color=always "$DATA/nil-chan-select.debug2.txt"
grep -q $'\x1b\[' "$TMP/out" || fail "--color=always has no escape codes"
run "$DATA/nil-chan-select.debug2.txt"
if grep -q $'\x1b\[' "$TMP/out"; then fail "colour on a pipe"; fi

# 7. Errors and exit codes.
run "$TMP/no-such-file.txt"
expect_eq "missing file exit" 2 "$rc"
expect_contains "missing file message" "goleak-cluster: $TMP/no-such-file.txt" "$TMP/err"
printf 'this is not\na goroutine dump\n' >"$TMP/garbage.txt"
run "$TMP/garbage.txt"
expect_eq "garbage exit" 2 "$rc"
expect_contains "garbage message" "no goroutines found" "$TMP/err"
run --similarity fuzzy "$DATA/nil-chan-select.debug2.txt"
expect_eq "bad --similarity exit" 2 "$rc"
run --filter '(' "$DATA/nil-chan-select.debug2.txt"
expect_eq "bad --filter exit" 2 "$rc"
expect_contains "bad filter message" "bad --filter regular expression" "$TMP/err"

# 8. Garbage lines among goroutines: skipped, counted once, still clustered;
#    --strict makes the first fatal.
{ echo "some log line"; cat "$DATA/nil-chan-select.debug2.txt"; echo "more junk"; } >"$TMP/mixed.txt"
run --color=never "$TMP/mixed.txt"
expect_eq "mixed exit" 0 "$rc"
expect_eq "mixed summary" \
  "goleak-cluster: warning: skipped 2 malformed lines (first: $TMP/mixed.txt:1: not part of a goroutine dump)" \
  "$(cat "$TMP/err")"
expect_contains "mixed still clustered" "LEAK SUSPECTS: 10 goroutines in 4 clusters" "$TMP/out"
# (the dump's last goroutine has no blank line after it: junk is a frame)
{ cat "$DATA/nil-chan-select.debug2.txt"; echo "more junk"; } >"$TMP/one-bad.txt"
run --folded "$TMP/one-bad.txt"
expect_eq "one bad line exit" 0 "$rc"
expect_eq "one bad line summary" \
  "goleak-cluster: warning: skipped 1 malformed line (first: $TMP/one-bad.txt:$(($(wc -l <"$DATA/nil-chan-select.debug2.txt") + 1)): not a stack frame)" \
  "$(cat "$TMP/err")"
run --strict "$TMP/mixed.txt"
expect_eq "strict exit" 2 "$rc"
expect_eq "strict message" \
  "goleak-cluster: malformed line at $TMP/mixed.txt:1: not part of a goroutine dump" \
  "$(cat "$TMP/err")"
expect_eq "strict writes nothing" "" "$(cat "$TMP/out")"
# --base is read first: a bad line there stops the run before the dump.
run --strict --base "$TMP/one-bad.txt" "$DATA/nil-chan-select.debug2.txt"
expect_eq "strict base exit" 2 "$rc"
expect_contains "strict base message" "malformed line at $TMP/one-bad.txt:" "$TMP/err"

# 9. A dump cut mid-line (as net/http/pprof does at 64 MiB).
head -c 3000 "$DATA/nil-chan-select.debug2.txt" >"$TMP/cut.txt"
run --color=never "$TMP/cut.txt"
expect_eq "cut exit" 0 "$rc"
expect_contains "cut warning" "dump cut off at line" "$TMP/err"
expect_contains "cut report" "dump truncated at line" "$TMP/out"

# 10. --base: growth between two dumps of the same program.
if [ -n "$SHARED" ] && [ -f "$SHARED/testdata/go/long-wait/goroutine.debug2.txt" ]; then
  run --color=never --no-stacks --base "$SHARED/testdata/go/long-wait/goroutine.debug2.txt" \
    "$SHARED/testdata/go/leaked-senders/goroutine.debug2.txt"
  expect_eq "base exit" 0 "$rc"
  expect_eq "base first suspect" \
    "[grew +3600 from 400] 4000 goroutines blocked in chan send at main.FilterService.func1 (pipeline.go:66), created by main.FilterService (pipeline.go:61)" \
    "$(sed -n 4p "$TMP/out")"
fi

# 11. Verdicts on real dumps of one service (testdata README): a healthy
#     busy service is never a suspect, one dump, two dumps or debug=1.
for f in healthy.debug2.txt.gz healthy.debug1.txt healthy.cpuprofile.debug2.txt.gz; do
  run --color=never --no-stacks --fail-on-leak "$DATA/$f"
  expect_eq "healthy $f exit" 0 "$rc"
  expect_eq "healthy $f verdict" "no leak suspects" "$(sed -n 3p "$TMP/out")"
done
gunzip -c "$DATA/healthy.debug2.txt.gz" >"$TMP/healthy.txt"
set +e
"$BIN" --fail-on-leak --no-stacks --base "$TMP/healthy.txt" - \
  <"$DATA/healthy.later.debug2.txt.gz" >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "healthy two dumps exit" 0 "$rc"
expect_contains "healthy two dumps" "[same] 64 goroutines blocked in chan receive at main.(*pool).worker (incidents.go:33), created by main.(*pool).start (incidents.go:43): bounded worker pool (started by a start method)" "$TMP/out"
run --color=never --no-stacks "$DATA/healthy.cpuprofile.debug2.txt.gz"
expect_contains "pprof's own goroutine" "1 goroutine blocked in select at net/http/pprof.sleep (pprof.go:98), created by net/http.(*Server).Serve (server.go:3102): the profiler's own goroutine" "$TMP/out"

# 12. The incidents: the first screen names each culprit with its evidence.
run --color=never --no-stacks --threads "$DATA/incidents.status.txt" --fail-on-leak \
  "$DATA/incidents.1.debug2.txt.gz"
expect_eq "incidents exit" 1 "$rc"
expect_eq "incidents first screen" \
"goroutine dump: 1903 goroutines in 13 clusters
OS threads: 1006 (--threads)

LEAK SUSPECTS: 1501 goroutines in 4 clusters
1000 goroutines blocked in syscall at main._Cfunc_cgo_block (_cgo_gotypes.go:41), created by main.handleCgo (incidents.go:113)
    why: [pile-up] pile-up in a cgo call: one OS thread each; goroutines 1650,7,9,2127,2106 (and 995 more)
    evidence: 1000 goroutines in one place, each holding an OS thread while it is in the call; the process has 1006 OS threads (--threads)
300 goroutines blocked in semacquire at main.(*store).update (incidents.go:90), created by net/http.(*Server).Serve (server.go:3102)
    why: [pile-up] convoy: 300 goroutines queued on sync.Mutex 0x8c2750; goroutines 2703,2704,2722,2723,2701 (and 295 more)
    evidence: holder: goroutine 2684 [sleep] at main.(*store).update (incidents.go:93), past the waiters' Lock at line 90 and not waiting for this lock (receivers print as dead words, 0x0?: matched by position)" \
  "$(sed -n 1,10p "$TMP/out")"
expect_contains "sleepers" "    why: [pile-up] per-request sleepers: every sleep arms a runtime timer (CPU in the scheduler's timer checks); goroutines" "$TMP/out"
expect_contains "unsure select" "UNSURE FROM ONE DUMP: 50 goroutines in 1 cluster (not suspects; compare with a second dump: --base)" "$TMP/out"
run --color=never --no-stacks --fail-on-leak --base "$DATA/incidents.1.debug2.txt.gz" "$DATA/incidents.2.debug2.txt.gz"
expect_eq "incidents --base exit" 1 "$rc"
expect_eq "incidents --base first suspect" \
"[grew +150 from 50] 200 goroutines blocked in select at main.waitResult (incidents.go:105), created by main.handleWait (incidents.go:126)
    why: [growing] blocked in select: many request-scoped goroutines stuck at one line; goroutines 3324,2677,3314,2607,2575 (and 195 more)
    evidence: grew since the base dump (50 -> 200); 200 goroutines here, created by main.handleWait (request-scoped code)" \
  "$(sed -n 4,6p "$TMP/out")"
run --json --threads 1006 "$DATA/incidents.1.debug2.txt.gz"
expect_contains "json verdict" '"suspect":true,"verdict":"pile-up","reason":"pile-up in a cgo call: one OS thread each"' "$TMP/out"
expect_contains "json holder" '"holder":{"goroutine":2684,"state":"sleep","func":"main.(*store).update"' "$TMP/out"
expect_contains "json threads" '"threads":1006' "$TMP/out"
run "$DATA/incidents.threadcreate.txt"
expect_eq "threadcreate as a dump exit" 2 "$rc"
expect_eq "threadcreate as a dump message" "goleak-cluster: $DATA/incidents.threadcreate.txt: a threadcreate profile counts OS threads, not goroutines; give it as --threads $DATA/incidents.threadcreate.txt" "$(cat "$TMP/err")"
run --threads nowhere.txt "$DATA/incidents.1.debug2.txt.gz"
expect_eq "bad --threads exit" 2 "$rc"
expect_contains "bad --threads message" "goleak-cluster: --threads: nowhere.txt" "$TMP/err"

# 13. Go 1.26 forms and crash text.
run --color=never --no-stacks --fail-on-leak "$DATA/go126-goroutineleak.debug1.txt"
expect_eq "goroutineleak exit" 1 "$rc"
expect_contains "goroutineleak" "    why: [proven] leaked: the Go runtime found what it waits on unreachable" "$TMP/out"
expect_eq "goroutineleak no bad lines" "" "$(cat "$TMP/err")"
run --color=never --no-stacks "$DATA/go126-leaked.debug2.txt"
expect_contains "leaked state" "    evidence: the runtime marked 4 goroutines [chan receive (leaked)]" "$TMP/out"
run --color=never --no-stacks "$DATA/nested-panic.stderr.txt"
expect_eq "nested panic" \
"panic: first: bad order 17
line two of the message [recovered]
	panic: second: retry failed
	panic: fatal: cleanup failed
  in goroutine 1 [running] at main.nested.func1 (incidents.go:137)" "$(sed -n 2,6p "$TMP/out")"
expect_eq "nested panic no bad lines" "" "$(cat "$TMP/err")"
run --color=never --no-stacks "$DATA/cgo-sigsegv.stderr.txt"
expect_eq "cgo SIGSEGV" \
"fatal error: unexpected signal during runtime execution
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x675f80]
  in goroutine 20 [syscall] at main._Cfunc_cgo_crash (_cgo_gotypes.go:53)" "$(sed -n 2,4p "$TMP/out")"

# 14. Growth across N dumps (--base repeated, oldest first): the request
#     leak grows at every dump; the pool its first requests start filled up
#     (20 -> 64 -> 64), which two dumps alone call growing.
run --color=never --no-stacks --fail-on-leak --base "$DATA/tickers.1.debug2.txt.gz" \
  --base "$DATA/tickers.2.debug2.txt.gz" "$DATA/tickers.3.debug2.txt.gz"
expect_eq "three dumps exit" 1 "$rc"
expect_eq "three dumps first suspect" \
"[grew +150 from 200] 350 goroutines blocked in select at main.waitResult (tickers.go:38), created by main.handleWait (tickers.go:65)
    why: [growing] blocked in select: many request-scoped goroutines stuck at one line; goroutines 759,777,621,601,623 (and 345 more)
    evidence: grew at every one of 3 dumps (50 -> 200 -> 350); 350 goroutines here, created by main.handleWait (request-scoped code)" \
  "$(sed -n 4,6p "$TMP/out")"
expect_contains "three dumps: pool filled up" "[same] 64 goroutines blocked in chan receive at main.poolWorker (tickers.go:49), created by main.handleJob (tickers.go:70): blocked receiving from a channel (not growing) (stopped growing at the last of 3 dumps (20 -> 64 -> 64): filled up, then flat;" "$TMP/out"
run --color=never --no-stacks --base "$DATA/tickers.1.debug2.txt.gz" "$DATA/tickers.3.debug2.txt.gz"
expect_contains "two dumps: pool looks growing" "    evidence: grew since the base dump (20 -> 64); 64 goroutines here" "$TMP/out"
run --json --base "$DATA/tickers.1.debug2.txt.gz" --base "$DATA/tickers.2.debug2.txt.gz" "$DATA/tickers.3.debug2.txt.gz"
expect_contains "three dumps JSON counts" '"change":"grew","base_count":200,"counts":[50,200,350]' "$TMP/out"

# The healthy service over three dumps: nothing flagged.
run --color=never --no-stacks --fail-on-leak --base "$DATA/healthy.debug2.txt.gz" \
  --base "$DATA/healthy.later.debug2.txt.gz" "$DATA/healthy.later.debug2.txt.gz"
expect_eq "healthy three dumps exit" 0 "$rc"
expect_eq "healthy three dumps verdict" "no leak suspects" "$(sed -n 3p "$TMP/out")"

# 15. Per-request ticker loops caught awake are one pile-up; the service's
#     own ticker stays healthy.
run --color=never --no-stacks "$DATA/tickers.awake.debug2.txt.gz"
expect_contains "ticker pile-up" "    why: [pile-up] per-request ticker or timer loop: woken again and again, every wake-up a runtime timer (CPU in the scheduler's timer checks); goroutines" "$TMP/out"
expect_contains "ticker evidence" "    evidence: 300 goroutines created by main.handleTick (request-scoped code) at one line: 209 [select] and 91 caught awake (runnable or running) at the dump" "$TMP/out"
expect_contains "service ticker healthy" "1 goroutine blocked in chan receive at main.serviceTicker (tickers.go:57), created by main.main (tickers.go:80): long-lived goroutine of main or init" "$TMP/out"

# 16. --min-wait takes durations (30s, 5m, 1h) and plain minutes; a cluster
#     is hidden only when its wait is known to be shorter.
if [ -n "$SHARED" ] && [ -f "$SHARED/testdata/go/long-wait/goroutine.debug2.txt" ]; then
  LW="$SHARED/testdata/go/long-wait/goroutine.debug2.txt"
  for arg in 2 2m 120s; do
    run --color=never --no-stacks --min-wait "$arg" "$LW"
    expect_eq "--min-wait $arg exit" 0 "$rc"
    expect_contains "--min-wait $arg keeps 2 minutes" "100 goroutines blocked in chan send for 2 minutes at main.forward" "$TMP/out"
    if grep -qF "main.worker (pipeline.go:127)" "$TMP/out"; then
      fail "--min-wait $arg: the 1-minute ticker workers are shown"
    fi
  done
  # A 1-minute wait may be up to 119 s: 90s keeps it.
  run --color=never --no-stacks --min-wait 90s "$LW"
  expect_contains "--min-wait 90s keeps 1 minute" "main.worker (pipeline.go:127)" "$TMP/out"
  run --color=never --no-stacks --min-wait 30s "$LW"
  expect_contains "--min-wait 30s hides nothing" "goroutine dump: 519 goroutines in 14 clusters" "$TMP/out"
  if grep -qF "hidden by" "$TMP/out"; then fail "--min-wait 30s hid clusters"; fi
  run --color=never --no-stacks --min-wait 1h "$LW"
  expect_contains "--min-wait 1h hides all" "14 clusters hidden by --min-count/--min-wait/--filter" "$TMP/out"
fi
run --min-wait -5 "$DATA/nil-chan-select.debug2.txt"
expect_eq "--min-wait -5 exit" 2 "$rc"

# Two dumps given as two files are counted together, and said.
cp "$DATA/nil-chan-select.debug2.txt" "$TMP/second.txt"
run --color=never --no-stacks "$DATA/nil-chan-select.debug2.txt" "$TMP/second.txt"
expect_eq "two files exit" 0 "$rc"
expect_eq "two files warning" "goleak-cluster: warning: $TMP/second.txt: another dump (goroutine 1 again, first in $DATA/nil-chan-select.debug2.txt); the files' goroutines are counted together (compare two dumps with --base EARLIER instead)" "$(cat "$TMP/err")"
expect_contains "two files summed" "goroutine dump: 26 goroutines in 7 clusters" "$TMP/out"

# 17. The shared panic-crash README's leak: the three notify senders.
run --color=never --no-stacks --fail-on-leak "$DATA/panic-crash.stderr.txt"
expect_eq "crash senders exit" 1 "$rc"
expect_contains "crash senders" "    why: [proven] blocked sending when the process crashed: nothing ever received; goroutines 25,26,27" "$TMP/out"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "goleak-cluster e2e: all checks passed"
