#!/usr/bin/env bash
# The Go scripts against a real Go service (leaky_service.go, built here
# with the Go toolchain): its net/http/pprof answers, a CPU profile taken
# while it runs, a heap that really grows and goroutines that really leak.
# SKIPPED (exit 77) without a Go toolchain (Debian: golang-go).
# Usage: real_go_service_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"

if ! command -v go >/dev/null 2>&1; then
  echo "SKIPPED: no Go toolchain (Debian: golang-go)"
  exit 77
fi
# Standard library only, no module: builds offline. The cache sits in the
# build folder so later runs reuse it.
mkdir -p "$BUILD/go-cache"
if ! (cd "$T" && GOCACHE="$BUILD/go-cache" GOPATH="$T/gopath" GO111MODULE=off \
    GOFLAGS='' go build -o "$T/leaky_service" \
    "$REPO/tests/e2e/scripts/leaky_service.go") > "$T/build.log" 2>&1; then
  echo "FAIL go build:"; sed 's/^/  | /' "$T/build.log"
  exit 1
fi
"$T/leaky_service" "$T/addr" 90 &
SERVER_PID=$!
for _ in $(seq 100); do
  [ -s "$T/addr" ] && break
  sleep 0.05
done
[ -s "$T/addr" ] || { echo "FAIL leaky_service did not start"; exit 1; }
URL="http://$(cat "$T/addr")"

# CPU: a one-second profile names the burning function.
rc=$(run_rc "$REPO/scripts/go-cpu-flame.sh" -d 1s --top 20 -o "$T/cpu/cpu.svg" "$URL")
check "cpu: exit 0" test "$rc" = 0
check "cpu: table has main.burnCPU" grep -qE '%  main\.burnCPU$' "$T/out"
check "cpu: SVG has main.burnCPU" grep -q 'main.burnCPU' "$T/cpu/cpu.svg"
check "cpu: own code ranks main.burnCPU first" bash -c "grep -A2 '^Own code: package main ' '$T/out' | tail -n 1 | grep -qE '%  main\.burnCPU$'"
check "cpu: hottest own code and line" grep -qE '^go-cpu-flame: cpu: hottest own code: main\.burnCPU at leaky_service\.go:[0-9]+: ' "$T/out"
check "cpu: the profile is a Go CPU profile" bash -c "'$BUILD/cmd/heapdiff/heapdiff' '$T/cpu/cpu.pb.gz' | grep -q '^Type: cpu$'"

# Heap: three snapshots, main.grow grows at every step.
rc=$(run_rc "$REPO/scripts/go-heap-diff.sh" -n 3 -i 0.5 --fail-on-leak -o "$T/heap" "$URL")
check "heap: --fail-on-leak exits 1" test "$rc" = 1
check "heap: suspects line" grep -q '^Leak suspects: ' "$T/heap/report.txt"
check "heap: main.grow is a suspect" bash -c "sed -n '/^Leak suspects/,/^\$/p' '$T/heap/report.txt' | grep -qE '  main\.grow( < .*)?$'"
check "heap: diff.svg has main.grow" grep -q 'main.grow' "$T/heap/diff.svg"
check "heap: verdict first names main.grow" bash -c "sed -n 2p '$T/out' | grep -qE '^heap: leak suspect: .*  main\.grow( < .*)?$'"

# Goroutines: leakOne piles up between two dumps.
rc=$(run_rc "$REPO/scripts/go-leak-check.sh" -i 0.5 -o "$T/leak" "$URL")
check "leak: exit 1" test "$rc" = 1
check "leak: grew line" grep -qE '^\[grew \+[0-9]+ from [0-9]+\] [0-9]+ goroutines blocked in chan send at main\.leakOne \(leaky_service\.go:[0-9]+\), created by main\.leak ' "$T/out"
check "leak: verdict" grep -q '^go-leak-check: LEAK: 1 suspect cluster grew by ' "$T/out"
check "leak: verdict block names main.leakOne" bash -c "sed -n 2p '$T/out' | grep -qE '^goroutines: stuck: \[grew \+[0-9]+ from [0-9]+\] [0-9]+ goroutines blocked in chan send at main\.leakOne '"

# Everything at once, with the address as go tool pprof takes it (no
# scheme). The last screen (80x25) names the three culprits.
rc=$(run_rc "$REPO/scripts/go-collect.sh" -d 1s -o "$T/all" "${URL#http://}")
check "collect: exit 0" test "$rc" = 0
fold -w 80 "$T/out" | tail -n 25 > "$T/screen"
check "collect: last screen: the stuck goroutines" grep -qE '^goroutines: (stuck|unsure from one dump \(take a second: go-leak-check\)): [0-9]+ goroutines blocked in chan send at main\.leakOne \(leaky_service\.go:[0-9]+\), created by main\.leak ' <(tail -n 25 "$T/out")
check "collect: last screen: the heap" grep -qE '^heap: top in-use: main\.grow holds ' "$T/screen"
check "collect: last screen: the CPU" grep -qE '^cpu: hottest own code: main\.burnCPU at leaky_service\.go:[0-9]+: ' "$T/screen"
check "collect: last screen: the goroutines" grep -q 'main.leakOne' "$T/screen"
check "collect: verdict at the top of the report" bash -c "sed -n '4,9p' '$T/all/report.txt' | grep -q '^cpu: hottest own code: main.burnCPU'"
check "collect: index.html" test -s "$T/all/index.html"
for f in goroutine.debug2.txt goroutine.debug1.txt heap.pb.gz allocs.pb.gz mutex.pb.gz block.pb.gz cpu.pb.gz report.txt cpu.svg heap.svg allocs.svg goroutines.svg index.html; do
  check "collect: $f" test -s "$T/all/$f"
done
check "collect: leak suspect in the report" grep -qE '^[0-9]+ goroutines blocked in chan send at main\.leakOne ' "$T/all/report.txt"
check "collect: heap section names main.grow" bash -c "sed -n '/^== heap in use/,/^== /p' '$T/all/report.txt' | grep -q 'main.grow$'"
check "collect: CPU section names main.burnCPU" bash -c "sed -n '/^== CPU/,/^== /p' '$T/all/report.txt' | grep -q 'main.burnCPU$'"
# The README's "try it" lines, as pasted: start the service with go run in
# the background, wait for its address, collect (no race with the start).
sed -n '/^rm -f \/tmp\/leaky.addr; go run /,/^go-collect /p' "$REPO/README.md" |
  sed -e "s|/tmp/leaky.addr|$T/readme.addr|g" -e 's| 600 &| 30 \&|' \
    -e "s|^go-collect |'$REPO/scripts/go-collect.sh' -o '$T/readme' |" > "$T/readme.sh"
check "README try-it: three lines found" test "$(wc -l < "$T/readme.sh")" = 3
rc=$(cd "$REPO" && GOCACHE="$BUILD/go-cache" GOPATH="$T/gopath" GO111MODULE=off GOFLAGS='' \
  run_rc setsid bash "$T/readme.sh")
check "README try-it: go-collect exit 0" test "$rc" = 0
check "README try-it: the leak in the verdict" grep -q 'main.leakOne' <(tail -n 10 "$T/out")
finish
