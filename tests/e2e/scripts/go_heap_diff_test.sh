#!/usr/bin/env bash
# scripts/go-heap-diff.sh against the fake net/http/pprof server: the
# snapshots it asks for and keeps, its report (equal to go tool pprof's
# for two snapshots, heapdiff's series for five), the differential SVG,
# --fail-on-leak and its errors. Usage: go_heap_diff_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/go-heap-diff.sh"
D="$REPO/testdata/heapdiff"
HD="$BUILD/cmd/heapdiff/heapdiff"
FS="$BUILD/cmd/flamesvg/flamesvg"

rc=$(run_rc "$S" --help)
check "--help exits 0" test "$rc" = 0
check "--help usage line" has "$T/out" "Usage: go-heap-diff [options] [URL]"
rc=$(run_rc "$S" -n 1)
check "--count 1 exits 2" test "$rc" = 2
check "--count 1 message" has "$T/err" "go-heap-diff: --count must be a number >= 2"
rc=$(run_rc "$S" -i "5 minutes")
check "bad interval exits 2" test "$rc" = 2
check "bad interval message" has "$T/err" "go-heap-diff: bad duration '5 minutes' (use seconds, or 30s, 5m, 1h)"
rc=$(run_rc "$S" -s cpu)
check "bad sample index exits 2" test "$rc" = 2
rc=$(run_rc "$S" --fail-on-leak)
check "--fail-on-leak with 2 exits 2" test "$rc" = 2
check "--fail-on-leak with 2 message" has "$T/err" "go-heap-diff: --fail-on-leak needs --count 3 or more"
rc=$(run_rc "$S" --dir)
check "missing value exits 2" test "$rc" = 2
check "missing value message" has "$T/err" "go-heap-diff: --dir needs a value (see --help)"

S1="$REPO/testdata/heapdiff/series"
printf '/debug/pprof/heap?gc=1\t%s\t%s\n/debug/pprof/heap\t%s\t%s\t%s\t%s\t%s\n' "$D/1.heap" "$D/2.heap" "$S1"/{1,2,3,4,5}.heap > "$T/routes"
start_server "$T/routes"

# Two snapshots: the report is go tool pprof -top -base, byte for byte.
rc=$(run_rc "$S" -i 0.1 -o "$T/two" "$URL")
check "two snapshots exit 0" test "$rc" = 0
check "asked twice for heap?gc=1" test "$(requests)" = "$(printf '/debug/pprof/heap?gc=1\n/debug/pprof/heap?gc=1')"
snaps=("$T"/two/heap-*.pb.gz)
check "two snapshots kept" test "${#snaps[@]}" = 2
check "snapshot names: index and UTC time" bash -c "[[ '${snaps[0]##*/}' =~ ^heap-1-[0-9]{8}T[0-9]{6}Z\.pb\.gz$ && '${snaps[1]##*/}' =~ ^heap-2-[0-9]{8}T[0-9]{6}Z\.pb\.gz$ ]]"
check "first snapshot as served" cmp -s "${snaps[0]}" "$D/1.heap"
check "second snapshot as served" cmp -s "${snaps[1]}" "$D/2.heap"
check "report = go tool pprof -top -base" cmp -s "$T/two/report.txt" "$D/diff.inuse_space.pprof-top.txt"
verdict2="heap: grew most: main.newSession 851.25kB (45.43% of the last total; one comparison cannot tell a leak from the GC sawtooth: take 3 or more, -n 3)"
check "verdict first" test "$(head -n 3 "$T/out")" = "$(printf '== verdict\n%s\n' "$verdict2")"
check "report printed after it" cmp -s <(sed -n "4,$(($(wc -l < "$T/two/report.txt") + 3))p" "$T/out") "$T/two/report.txt"
check "verdict last" test "$(tail -n 3 "$T/out" | head -n 2)" = "$(printf '== verdict\n%s' "$verdict2")"
check "waited between snapshots" has "$T/err" "go-heap-diff: next snapshot in 0.1"
"$HD" -s inuse_space --folded "${snaps[0]}" "${snaps[1]}" |
  "$FS" --diff --countname bytes --title "heap inuse_space: ${snaps[0]##*/} -> ${snaps[1]##*/}" \
    > "$T/expected.svg"
check "diff.svg = heapdiff --folded | flamesvg --diff" cmp -s "$T/two/diff.svg" "$T/expected.svg"
check "diff.svg shows the leak" grep -q 'main.newSession' "$T/two/diff.svg"
# The reddest frame is the function that grew (own change), not its callers.
check "diff.svg: main.newSession is the one full-red frame" test "$(grep -B1 'fill="rgb(255,0,0)"' "$T/two/diff.svg" | grep -o '^<title>[^ ]*')" = "<title>main.newSession"
check "diff.svg: callers stay neutral" test "$(grep -A3 -F '<g data-name="net/http.(*conn).serve">' "$T/two/diff.svg" | grep -o 'fill="[^"]*"' | head -n 1)" = 'fill="rgb(250,250,250)"'
check "diff.svg: human units" grep -q '<title>main.newSession (after 1.25 MiB, before 423.65 KiB, ' "$T/two/diff.svg"
check "says where things are" has "$T/out" "go-heap-diff: snapshots and report in $T/two/; differential flame graph: $T/two/diff.svg"

# alloc_space, --no-gc: the plain /heap URL (here: the series' first two).
rc=$(run_rc "$S" -i 0 --no-gc -s alloc_space --nodecount 3 -o "$T/alloc" "$URL")
check "--no-gc exits 0" test "$rc" = 0
check "--no-gc asks for /heap" test "$(tail -n 2 "$T/requests")" = "$(printf '/debug/pprof/heap\n/debug/pprof/heap')"
check "-s alloc_space report" cmp -s "$T/alloc/report.txt" <("$HD" -s alloc_space --nodecount 3 "$S1/1.heap" "$S1/2.heap")

# Five snapshots from a fresh server (the series 1 to 5): trend mode.
start_server "$T/routes"
rc=$(run_rc "$S" -n 5 -i 0 --no-gc --fail-on-leak -o "$T/five" "$URL")
check "five snapshots with a leak: exit 1" test "$rc" = 1
check "five requests" test "$(wc -l < "$T/requests")" = 5
check "five kept" test "$(ls "$T"/five/heap-*.pb.gz | wc -l)" = 5
check "trend: suspects line" has "$T/five/report.txt" "Leak suspects: 1 of 14 paths"
check "trend: the leak" grep -qE '^ +\+1.98MB +\+171.83GB  leak: every step      506kB -> 1012kB -> 1.48MB -> 1.98MB -> 2.47MB  main.registerClient < main.main < runtime.main$' "$T/five/report.txt"
check "trend = heapdiff on the files" cmp -s "$T/five/report.txt" <("$HD" -s inuse_space "$T"/five/heap-*.pb.gz)
check "trend: diff.svg first -> last" grep -q "heap-1-.*heap-5-" "$T/five/diff.svg"
check "trend: verdict names the suspect" test "$(sed -n 2p "$T/out")" = "heap: leak suspect: +1.98MB  +171.83GB  leak: every step  506kB -> 1012kB -> 1.48MB -> 1.98MB -> 2.47MB  main.registerClient < main.main < runtime.main"
start_server "$T/routes"
rc=$(run_rc "$S" -n 3 -i 0 --no-gc -o "$T/three" "$URL")
check "without --fail-on-leak: exit 0" test "$rc" = 0

# The issue's case: -n 4 of a service at the default MemProfileRate whose
# leak shows a flat step (real Go profiles, testdata/heapdiff/trend/leak).
TL="$D/trend/leak"
printf '/debug/pprof/heap?gc=1\t%s\t%s\t%s\t%s\n' "$TL"/{1,2,3,4}.heap > "$T/routes3"
start_server "$T/routes3"
rc=$(run_rc "$S" -n 4 -i 0 --fail-on-leak -o "$T/slow" "$URL")
check "slow leak with a flat step: exit 1" test "$rc" = 1
check "slow leak: suspect line" has "$T/slow/report.txt" "Leak suspects: 1 of 8 paths"
check "slow leak: ranked first, which rule" bash -c "sed -n 10p '$T/slow/report.txt' | grep -qE 'leak: 2 of 3 steps +15.74MB -> 16.76MB -> 16.76MB -> 17.77MB  main.newSession < main.main < runtime.main$'"
check "slow leak: diff.svg in bytes" grep -q '<title>main.newSession (after 17.77 MiB, before 15.74 MiB' "$T/slow/diff.svg"

# The heap shrank between the two: the verdict says nothing grew.
printf '/debug/pprof/heap?gc=1\t%s\t%s\n' "$D/2.heap" "$D/1.heap" > "$T/routes-shrank"
start_server "$T/routes-shrank"
rc=$(run_rc "$S" -i 0 -o "$T/shrank" "$URL")
check "shrank: exit 0" test "$rc" = 0
check "shrank: verdict" test "$(sed -n 2p "$T/out")" = "heap: nothing grew between the two snapshots (in the rows shown)"

# pprof's spelling of the sample index is the same option.
start_server "$T/routes"
rc=$(run_rc "$S" -i 0 --no-gc -sample_index=alloc_space --nodecount 3 -o "$T/alias" "$URL")
check "-sample_index=alloc_space: exit 0" test "$rc" = 0
check "-sample_index=alloc_space = -s alloc_space" cmp -s "$T/alias/report.txt" <("$HD" -s alloc_space --nodecount 3 "$S1/1.heap" "$S1/2.heap")

# Ctrl-C after 3 of 5 snapshots: the report covers the 3 taken. Job
# control gives the script its own process group, as a terminal does,
# and the signal goes to the whole group, as Ctrl-C does.
start_server "$T/routes"
set -m
"$S" -n 5 -i 3 --no-gc -o "$T/ctrlc" "$URL" > "$T/ctrlc.out" 2> "$T/ctrlc.err" &
pid=$!
set +m
for _ in $(seq 300); do
  grep -q 'snapshot 3 of 5' "$T/ctrlc.err" 2>/dev/null && break
  sleep 0.1
done
kill -INT -- "-$pid"
rc=0; wait "$pid" || rc=$?
check "Ctrl-C: exit 0 (a report on what was taken)" test "$rc" = 0
check "Ctrl-C: says so" has "$T/ctrlc.err" "go-heap-diff: interrupted after 3 of 5 snapshots"
check "Ctrl-C: three kept" test "$(ls "$T"/ctrlc/heap-*.pb.gz | wc -l)" = 3
check "Ctrl-C: the report is heapdiff on the three" cmp -s "$T/ctrlc/report.txt" <("$HD" -s inuse_space "$T"/ctrlc/heap-*.pb.gz)
check "Ctrl-C: diff.svg drawn" test -s "$T/ctrlc/diff.svg"

# The second snapshot fails: exit 2, the first stays on disk.
printf '/debug/pprof/heap?gc=1\t%s\t!500 profile failed\n' "$D/1.heap" > "$T/routes2"
start_server "$T/routes2"
rc=$(run_rc "$S" -i 0 -o "$T/broken" "$URL")
check "second snapshot fails: exit 2" test "$rc" = 2
check "second snapshot fails: message" has "$T/err" "go-heap-diff: $URL/debug/pprof/heap?gc=1: HTTP 500: profile failed"
check "second snapshot fails: first kept" cmp -s "$T"/broken/heap-1-*.pb.gz "$D/1.heap"
check "second snapshot fails: no report" test ! -e "$T/broken/report.txt"
finish
