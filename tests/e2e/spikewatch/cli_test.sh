#!/usr/bin/env bash
# spikewatch as a user types it, without a target: --replay applies the
# rules to recorded samples (the exact fire lines), malformed replay lines
# are skipped and counted, and bad rules and flags give one clear line on
# stderr and exit 2.
# Usage: cli_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=../scripts/lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
SW="$BUILD/cmd/spikewatch/spikewatch"
D="$REPO/testdata/spikewatch"

same() {  # same EXPECTED-FILE: $T/out must equal it
  diff -u "$1" "$T/out" > "$T/diff" || { sed 's/^/  | /' "$T/diff"; return 1; }
}

rc=$(run_rc "$SW" --replay "$D/goroutines.replay" --window 4 --rule goroutines:min=100,diff=50%)
check "replay diff: exit 0" test "$rc" = 0
check "replay diff: one fire, the spike" same "$D/goroutines.window4.expected.txt"
check "replay diff: nothing on stderr" test ! -s "$T/err"

rc=$(run_rc "$SW" --replay "$D/goroutines.replay" --rule goroutines:abs=800 --cooldown 5m)
check "replay abs + cooldown: exit 0" test "$rc" = 0
check "replay abs + cooldown: quiet inside, fires after" same "$D/goroutines.abs800.expected.txt"

rc=$(run_rc "$SW" --replay "$D/several.replay" --window 3 --cooldown 30s \
  --rule cpu:min=50%,diff=100% --rule rss:diff=100%,abs=1GiB --rule threads:min=100,diff=200%)
check "replay several metrics: exit 0" test "$rc" = 0
check "replay several metrics: one fire each" same "$D/several.expected.txt"

# From stdin, and with malformed lines.
printf '0 goroutines 10\nzero goroutines 10\n1 goroutines 10\n2 goroutines 99\n' > "$T/bad.replay"
rc=$(run_rc "$SW" --replay - --window 2 --rule goroutines:abs=50 < "$T/bad.replay")
check "replay bad line: exit 0" test "$rc" = 0
check "replay bad line: the good lines still fire" has "$T/out" "fire 2 goroutines 99 avg=10 window=2 rule=goroutines:abs=50 by=abs"
check "replay bad line: one summary" has "$T/err" "spikewatch: warning: skipped 1 malformed line (first: <stdin>:2: SECONDS is not a number)"
rc=$(run_rc "$SW" --strict --replay "$T/bad.replay" --window 2 --rule goroutines:abs=50)
check "replay --strict: exit 2" test "$rc" = 2
check "replay --strict: message" has "$T/err" "spikewatch: malformed line at $T/bad.replay:2: SECONDS is not a number"
check "replay --strict: no output" test ! -s "$T/out"

usage() {  # usage MESSAGE ARGS...: exit 2 and MESSAGE on stderr
  local msg="$1" rc
  shift
  rc=$(run_rc "$SW" "$@")
  test "$rc" = 2 && has "$T/err" "$msg" && test ! -s "$T/out"
}
check "no rule" usage "spikewatch: no --rule given (e.g. --rule goroutines:min=1000,diff=50%)" --url http://127.0.0.1:1
check "unknown metric" usage "spikewatch: --rule fds:min=1: unknown metric 'fds' (one of goroutines, threads, rss, cpu, heap)" --rule fds:min=1 --pid 1
check "bad unit" usage "spikewatch: --rule rss:abs=512XB: abs=512XB is not a rss value (bytes: 4096, 512MiB, 2G)" --rule rss:abs=512XB --pid 1
check "bad diff" usage "spikewatch: --rule cpu:diff=much: diff=much is not a percentage (diff=50%)" --rule cpu:diff=much --pid 1
check "unknown term" usage "spikewatch: --rule goroutines:max=5: unknown term 'max' (use min, diff, abs)" --rule goroutines:max=5 --url http://127.0.0.1:1
check "two rules, one metric" usage "spikewatch: two rules for cpu (one per metric)" --rule cpu:abs=5 --rule cpu:abs=6 --pid 1
check "rule without its source" usage "spikewatch: rule rss:abs=1G needs --pid (/proc/PID)" --rule rss:abs=1G --url http://127.0.0.1:1
check "heap needs a URL" usage "spikewatch: rule heap:abs=1G needs --url (the service's net/http/pprof)" --rule heap:abs=1G --pid 1
check "no target" usage "spikewatch: give --url, --pid or --replay" --rule goroutines:abs=5
check "bad URL" usage "spikewatch: --url localhost:6060: not an http:// or https:// URL" --rule goroutines:abs=5 --url localhost:6060
check "bad interval" usage "spikewatch: bad --interval '5x' (use 5, 5s, 1m)" --rule cpu:abs=5 --pid 1 --interval 5x
check "bad window" usage "spikewatch: --window must be >= 1" --rule cpu:abs=5 --pid 1 --window 0
check "bad disk budget" usage "spikewatch: bad --disk-budget 'a lot' (use 500MiB, 2G)" --rule cpu:abs=5 --pid 1 --disk-budget 'a lot'
check "replay with a target" usage "spikewatch: --replay takes no --url or --pid" --rule cpu:abs=5 --pid 1 --replay x
check "stray argument" usage "spikewatch: unexpected argument stray" --rule cpu:abs=5 --pid 1 stray
check "unknown flag" usage "spikewatch: unrecognised option '--bogus'" --bogus
check "no such process" usage "spikewatch: --pid 4194303: no such process" --rule cpu:abs=5 --pid 4194303 -o "$T/none"
check "missing replay file" usage "spikewatch: $T/missing.replay:" --rule cpu:abs=5 --replay "$T/missing.replay"

# Any process, --pid only: an rss rule that fires at once keeps /proc's
# view of its memory; --max-captures 1 ends the watch (exit 0).
sleep 30 &
SLEEPER=$!
rc=$(run_rc "$SW" --pid "$SLEEPER" --rule rss:abs=1 --window 1 --interval 0.2 \
  --max-captures 1 --duration 20 -o "$T/rss")
kill "$SLEEPER" 2>/dev/null || true
rss=("$T"/rss/*T*Z-rss)
check "pid rss: exit 0" test "$rc" = 0
check "pid rss: one event" grep -qE "Z rss [0-9.]+(KiB|MiB) avg=[0-9.]+(KiB|MiB) window=1 rule=rss:abs=1 by=abs folder=${rss[0]} first: no report: nothing captured could be analysed$" "$T/out"
check "pid rss: status kept" grep -q '^VmRSS:' "${rss[0]}/proc-status.txt"
check "pid rss: smaps_rollup kept" grep -q '^Rss:' "${rss[0]}/proc-smaps_rollup.txt"
check "pid rss: done after one" has "$T/err" "spikewatch: done after 1 capture"

# A service that accepts connections and never answers: every sample times
# out, is reported once, and the watch goes on until --duration (exit 0).
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
conns = []
end = time.time() + 30
while time.time() < end:
    s.settimeout(1)
    try: conns.append(s.accept()[0])
    except OSError: pass
' "$T/port" &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$T/port" ] && break; sleep 0.05; done
rc=$(run_rc "$SW" --url "http://127.0.0.1:$(cat "$T/port")" --rule goroutines:abs=5 \
  --interval 0.5 --timeout 1 --duration 3 -o "$T/hung")
check "hung service: exit 0" test "$rc" = 0
check "hung service: timeout reported once" test "$(grep -c 'target not answering: .*Operation timed out after' "$T/err")" = 1
check "hung service: no capture" test -z "$(ls "$T/hung")"
finish
