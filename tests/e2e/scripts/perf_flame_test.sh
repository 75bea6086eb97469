#!/usr/bin/env bash
# scripts/perf-flame.sh for real: perf samples a short workload with known
# function names (perf_workload.cc), and the folded stacks and the SVG must
# show them under main. SKIPPED (exit 77) where perf cannot record here.
# Usage: perf_flame_test.sh REPO BUILD WORKLOAD
REPO="$1" BUILD="$2" W="$3"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/perf-flame.sh"

rc=$(run_rc "$S" --help)
check "--help exits 0" test "$rc" = 0
check "--help usage line" has "$T/out" "Usage: perf-flame [options] -p PID"
check "--help: Go programs are pointed to go-cpu-flame" has "$T/out" "for a Go service, go-cpu-flame (the runtime's own"
check "--help: no promise that Go stacks work" bash -c "! grep -qi 'go (frame pointers' '$T/out'"
check "--help: ends with examples" test "$(tail -n 4 "$T/out" | head -n 1)" = "Examples:"
rc=$(run_rc "$S" -d 5x -- true)
check "bad duration: exit 2" test "$rc" = 2
check "bad duration: message" has "$T/err" "perf-flame: bad duration '5x' (use seconds, or 30s, 5m, 1h)"
rc=$(run_rc "$S")
check "no target: exit 2" test "$rc" = 2
check "no target: message" has "$T/err" "perf-flame: give exactly one of -p PID, -a, or -- COMMAND (see --help)"
rc=$(run_rc "$S" -p 1 -- true)
check "two targets: exit 2" test "$rc" = 2
rc=$(run_rc "$S" -g frames -- true)
check "bad --call-graph: exit 2" test "$rc" = 2
rc=$(run_rc "$S" stray -- true)
check "stray argument: exit 2" test "$rc" = 2
check "stray argument: message" has "$T/err" "perf-flame: unknown argument stray (see --help; a command goes after --)"

if ! command -v perf >/dev/null 2>&1; then
  echo "SKIPPED: perf is not installed (Debian: linux-perf)"
  exit 77
fi
if ! perf record -q -F 99 -g -o "$T/probe.data" -- true > "$T/probe.err" 2>&1; then
  echo "SKIPPED: perf record does not work here: $(head -n 3 "$T/probe.err" | tr '\n' ' ')"
  echo "  (kernel.perf_event_paranoid = $(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo '?'))"
  exit 77
fi
[ "$fail" = 0 ] || finish

# A command run under perf until it exits.
rc=$(run_rc "$S" -F 997 -o "$T/cmd/w.svg" -t "workload" -k -- "$W" 300)
check "command: exit 0" test "$rc" = 0
check "command: alpha under main" grep -qE '^perf_workload;(.*;)?main;RunRounds;SpinAlpha(;.*)? [1-9][0-9]*$' "$T/cmd/w.folded"
check "command: beta under main" grep -qE '^perf_workload;(.*;)?main;RunRounds;SpinBeta(;.*)? [1-9][0-9]*$' "$T/cmd/w.folded"
check "command: folded is sorted" bash -c "LC_ALL=C sort -c '$T/cmd/w.folded'"
check "command: SVG has the frames" grep -q 'SpinAlpha' "$T/cmd/w.svg"
check "command: SVG title" grep -q '>workload<' "$T/cmd/w.svg"
check "command: says where the SVG is" has "$T/out" "perf-flame: flame graph: $T/cmd/w.svg (open it in a browser)"
check "command: -k keeps perf.data" test -s "$T/cmd/w.perf.data"
# The kept data folds to the same stacks.
perf script -i "$T/cmd/w.perf.data" 2>/dev/null | "$BUILD/cmd/stackfold/stackfold" > "$T/again.folded"
check "command: perf.data folds to the kept stacks" cmp -s "$T/again.folded" "$T/cmd/w.folded"
if command -v xmllint >/dev/null; then
  check "command: SVG well-formed" xmllint --noout "$T/cmd/w.svg"
fi

# A running process by PID, for a fixed time.
"$W" 20000 &
wpid=$!
rc=$(run_rc "$S" -F 997 -d 0.5 -p "$wpid" -o "$T/pid/p.svg")
kill "$wpid" 2>/dev/null || true
wait "$wpid" 2>/dev/null || true
check "pid: exit 0" test "$rc" = 0
check "pid: stacks of that process" grep -qE '^perf_workload;(.*;)?RunRounds;Spin(Alpha|Beta)' "$T/pid/p.folded"
check "pid: default title names it" grep -q "perf: pid $wpid (perf_workload)" "$T/pid/p.svg"

# --duration stops a command that would run for 20 s.
rc=$(run_rc "$S" -F 997 -d 0.3 -o "$T/dur/d.svg" -- "$W" 20000)
check "duration: exit 0" test "$rc" = 0
check "duration: sampled" grep -q 'RunRounds;SpinAlpha' "$T/dur/d.folded"

# The top table: the functions with the most samples of their own, from
# the folded stacks; no Go warning for a C++ program.
check "duration: top table heading" has "$T/out" "Top functions by own samples ("
check "duration: top row is a Spin function" bash -c "grep -A1 '^Top functions by own samples' '$T/out' | tail -n 1 | grep -qE '%  (\(anonymous namespace\)::)?Spin'"
check "duration: no Go warning for C++" bash -c "! grep -q 'is a Go program' '$T/err'"
rc=$(run_rc "$S" -F 997 -d 0.005m --top 0 -o "$T/dur2/d.svg" -- "$W" 20000)
check "-d 0.005m: exit 0" test "$rc" = 0
check "--top 0: no table" bash -c "! grep -q '^Top functions' '$T/out'"

# A Go program: the warning about perf's unwinding, and go-cpu-flame.
if command -v go >/dev/null 2>&1; then
  mkdir -p "$BUILD/go-cache"
  if (cd "$T" && GOCACHE="$BUILD/go-cache" GOPATH="$T/gopath" GO111MODULE=off GOFLAGS='' \
      go build -o "$T/leaky_service" "$REPO/tests/e2e/scripts/leaky_service.go") > "$T/build.log" 2>&1; then
    "$T/leaky_service" "$T/addr" 30 &
    gpid=$!
    for _ in $(seq 100); do [ -s "$T/addr" ] && break; sleep 0.05; done
    rc=$(run_rc "$S" -F 499 -d 1s -p "$gpid" -o "$T/go/g.svg")
    kill "$gpid" 2>/dev/null || true
    wait "$gpid" 2>/dev/null || true
    check "Go pid: exit 0" test "$rc" = 0
    check "Go pid: the warning" has "$T/err" "perf-flame: warning: pid $gpid (leaky_service) is a Go program: perf's frame-pointer walk stops in Go assembly and cgo, so some stacks end in [unknown] or are cut short; for whole Go stacks use go-cpu-flame on its net/http/pprof (go-cpu-flame -d 30s host:port)"
    check "Go pid: top table names main.burnCPU" bash -c "grep -A3 '^Top functions' '$T/out' | grep -q 'main.burnCPU'"
  else
    echo "  (go build failed; Go case not run)"; sed 's/^/  | /' "$T/build.log"
  fi
else
  echo "  (no Go toolchain: the Go case is not run)"
fi

rc=$(run_rc "$S" -p 999999999)
check "no such pid: exit 2" test "$rc" = 2
check "no such pid: message" has "$T/err" "perf-flame: no process 999999999"
finish
