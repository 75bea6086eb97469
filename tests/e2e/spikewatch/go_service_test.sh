#!/usr/bin/env bash
# spikewatch against a real Go service (spiky_service.go, built here with
# the Go toolchain, net/http/pprof on 127.0.0.1): steady goroutines, then a
# pile-up in main.leakOne, then the service exits. Exactly one capture,
# after the spike, with the dumps and a report naming main.leakOne; none on
# the steady part; the dead target is reported and the watch ends with
# exit 0. A restarted service is watched again (down, up, new baseline).
# Then SIGUSR1 captures now, the disk budget removes the oldest capture,
# and SIGTERM during a capture finishes it and ends the watch with exit 0.
# SKIPPED (exit 77) without a Go toolchain (Debian: golang-go).
# Usage: go_service_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=../scripts/lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
SW="$BUILD/cmd/spikewatch/spikewatch"

if ! command -v go >/dev/null 2>&1; then
  echo "SKIPPED: no Go toolchain (Debian: golang-go)"
  exit 77
fi
mkdir -p "$BUILD/go-cache"
if ! (cd "$T" && GOCACHE="$BUILD/go-cache" GOPATH="$T/gopath" GO111MODULE=off \
    GOFLAGS='' go build -o "$T/spiky_service" \
    "$REPO/tests/e2e/spikewatch/spiky_service.go") > "$T/build.log" 2>&1; then
  echo "FAIL go build:"; sed 's/^/  | /' "$T/build.log"
  exit 1
fi

start_service() {  # start_service SPIKE_AFTER LIFETIME [ADDR]: sets URL, SERVER_PID
  rm -f "$T/addr"
  "$T/spiky_service" "$T/addr" "$1" "$2" ${3:+"$3"} &
  SERVER_PID=$!
  for _ in $(seq 100); do
    [ -s "$T/addr" ] && break
    sleep 0.05
  done
  [ -s "$T/addr" ] || { echo "FAIL spiky_service did not start"; exit 1; }
  URL="http://$(cat "$T/addr")"
}

# 1. A spike after 4 s; the service exits after 9 s, the watch after 13 s.
start_service 4 9
rc=$(run_rc "$SW" --url "$URL" --pid "$SERVER_PID" --interval 0.5 --window 4 \
  --rule goroutines:min=100,diff=50% --rule heap:min=1GiB,diff=100% \
  -o "$T/w1" --duration 13)
cp "$T/out" "$T/w1.out"; cp "$T/err" "$T/w1.err"
check "spike: exit 0" test "$rc" = 0
check "spike: one event line for goroutines" test "$(grep -c ' goroutines ' "$T/w1.out")" = 1
check "spike: the event has value, average, rule, folder, first finding" \
  grep -qE "^[0-9-]{10}T[0-9:]{8}Z goroutines 20[0-9][0-9] avg=[0-9.]+ window=4 rule=goroutines:min=100,diff=50% by=diff folder=$T/w1/[0-9]{8}T[0-9]{6}Z-goroutines first: leak suspect: \[new\] 2000 goroutines blocked in chan send at main\.leakOne \(spiky_service\.go:[0-9]+\)" "$T/w1.out"
captures=("$T"/w1/*T*Z-*)
check "spike: exactly one capture folder" test "${#captures[@]}" = 1
C="${captures[0]}"
check "spike: it is the goroutines capture" test "${C##*Z-}" = goroutines
check "spike: debug=2 dump holds the leak" grep -q '^main\.leakOne' "$C/goroutine.debug2.txt"
check "spike: debug=1 dump holds the leak" grep -qE '^2000 @ ' "$C/goroutine.debug1.txt"
check "spike: report names the leaking function" grep -qE '^\[new\] 2000 goroutines blocked in chan send at main\.leakOne ' "$C/report.txt"
check "spike: report compared with the baseline" grep -qE '^goroutine dump: 20[0-9][0-9] goroutines in [0-9]+ clusters; base: 2[0-9] goroutines$' "$C/report.txt"
check "steady part: baseline without the leak" bash -c "! grep -q main.leakOne '$T'/w1/baseline-*/goroutine.debug2.txt"
check "steady part: baseline heap kept" test -s "$(echo "$T"/w1/baseline-*/heap.pb.gz)"
check "dead target: reported on stdout" grep -qE 'Z target down: .*Couldn.t connect' "$T/w1.out"
check "dead target: reported on stderr" has "$T/w1.err" "spikewatch: target not answering: $URL/debug/pprof/"
check "cost: one sample's requests and bytes" grep -qE '^spikewatch: one sample: 2 HTTP requests, 2 /proc reads, [0-9]+ bytes read$' "$T/w1.err"
grep '^spikewatch: one sample' "$T/w1.err" | sed 's/^/  /'
wait "$SERVER_PID" 2>/dev/null || true

# 2. A restart: the service exits after 3 s and a new one answers on the
# same port 2 s later. Reported down, then up; the new process gets a new
# baseline and a new warm-up; no fire.
start_service 1000 3
ADDR="$(cat "$T/addr")"
"$SW" --url "$URL" --interval 0.5 --window 4 --rule goroutines:min=10,diff=50% \
  -o "$T/w3" --duration 9 > "$T/w3.out" 2> "$T/w3.err" &
SW_PID=$!
wait "$SERVER_PID" 2>/dev/null || true
sleep 2
start_service 1000 30 "$ADDR"
rc=0; wait "$SW_PID" || rc=$?
check "restart: exit 0" test "$rc" = 0
check "restart: down, then up" bash -c "grep -oE 'target (down|up)' '$T/w3.out' | tr '\n' ' ' | grep -qx 'target down target up '"
check "restart: said so on stderr" has "$T/w3.err" "spikewatch: target answers again; warm-up and baseline start over"
baselines=("$T"/w3/baseline-*)
check "restart: a baseline for each process" test "${#baselines[@]}" = 2
check "restart: no fire" bash -c "! grep -qE 'Z goroutines [0-9]' '$T/w3.out'"
kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true

# 3. No spike: SIGUSR1 twice (the budget keeps one capture), then SIGTERM.
start_service 1000 60
"$SW" --url "$URL" --interval 0.5 --window 4 --cpu-seconds 1 --disk-budget 1 \
  --rule goroutines:min=100,diff=50% -o "$T/w2" > "$T/w2.out" 2> "$T/w2.err" &
SW_PID=$!
wait_for() {  # wait_for GLOB: up to 20 s for a file to exist
  for _ in $(seq 200); do
    compgen -G "$1" > /dev/null && return 0
    sleep 0.1
  done
  return 1
}
check "usr1: baseline taken" wait_for "$T/w2/baseline-*/heap.pb.gz"
kill -USR1 "$SW_PID"
check "usr1: manual capture made" wait_for "$T/w2/*-manual/report.txt"
first=("$T"/w2/*-manual)
sleep 1.1  # the next capture gets its own second
# SIGTERM while the second capture runs (its CPU profile takes 1 s): the
# capture is finished, then the watch ends with exit 0.
kill -USR1 "$SW_PID"
sleep 0.3
kill -TERM "$SW_PID"
rc=0; wait "$SW_PID" || rc=$?
check "term: exit 0" test "$rc" = 0
check "term: says it stopped" has "$T/w2.err" "spikewatch: stopped by signal"
check "term: the capture in progress finished: two event lines" test "$(grep -c 'manual (SIGUSR1) folder=' "$T/w2.out")" = 2
check "steady: no fire" bash -c "! grep -qE 'Z goroutines [0-9]' '$T/w2.out'"
manual=("$T"/w2/*-manual*)
check "budget: the oldest capture removed" test "${#manual[@]}" = 1 -a ! -e "${first[0]}"
check "budget: said so" has "$T/w2.err" "spikewatch: disk budget: removed the oldest capture ${first[0]}"
M="${manual[0]}"
# (an idle service's 1 s CPU profile may hold no sample: no cpu.svg then)
for f in goroutine.debug2.txt goroutine.debug1.txt threadcreate.pb.gz heap.pb.gz heap.baseline.pb.gz cpu.pb.gz report.txt; do
  check "usr1: $f captured" test -s "$M/$f"
done
check "usr1: report has the CPU top" grep -q '^== cpu: heapdiff --nodecount 15 ' "$M/report.txt"
check "usr1: report has the heap diff" grep -q "^== heap: heapdiff --nodecount 15 $M/heap.baseline.pb.gz $M/heap.pb.gz$" "$M/report.txt"
finish
