#!/usr/bin/env bash
# scripts/go-collect.sh against the fake net/http/pprof server: every
# endpoint asked once with the right query, each file kept as served, the
# report's sections equal to the tools run by hand, the flame graphs, an
# empty mutex profile, and a failing endpoint (named, the rest collected,
# exit 2). Usage: go_collect_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/go-collect.sh"
D="$REPO/testdata"
HD="$BUILD/cmd/heapdiff/heapdiff"
G="$BUILD/cmd/goleak-cluster/goleak-cluster"
SF="$BUILD/cmd/stackfold/stackfold"

rc=$(run_rc "$S" --help)
check "--help exits 0" test "$rc" = 0
check "--help usage line" has "$T/out" "Usage: go-collect [options] [URL]"
rc=$(run_rc "$S" --top 0)
check "--top 0 exits 2" test "$rc" = 2

routes() {  # routes BLOCK-ANSWER MUTEX-FILE
  {
    printf '/debug/pprof/goroutine?debug=2\t%s\n' "$D/goleak-cluster/nil-chan-select.debug2.txt"
    printf '/debug/pprof/goroutine?debug=1\t%s\n' "$D/goleak-cluster/leaked-senders.debug1.txt"
    printf '/debug/pprof/heap\t%s\n' "$D/heapdiff/2.heap"
    printf '/debug/pprof/allocs\t%s\n' "$D/heapdiff/1.heap"
    printf '/debug/pprof/mutex\t%s\n' "$2"
    printf '/debug/pprof/block\t%s\n' "$1"
    printf '/debug/pprof/profile?seconds=2\t%s\n' "$D/scripts/cpu.pb.gz"
  } > "$T/routes"
}
routes "$D/scripts/block.pb.gz" "$D/scripts/mutex.pb.gz"
start_server "$T/routes"
rc=$(run_rc "$S" -d 2s --top 4 -o "$T/all" "$URL")
check "everything: exit 0" test "$rc" = 0
check "asked each endpoint once, volatile first" test "$(requests)" = "$(printf '%s\n' /debug/pprof/goroutine?debug=2 /debug/pprof/goroutine?debug=1 /debug/pprof/heap /debug/pprof/allocs /debug/pprof/mutex /debug/pprof/block /debug/pprof/profile?seconds=2)"
check "goroutine.debug2.txt as served" cmp -s "$T/all/goroutine.debug2.txt" "$D/goleak-cluster/nil-chan-select.debug2.txt"
check "goroutine.debug1.txt as served" cmp -s "$T/all/goroutine.debug1.txt" "$D/goleak-cluster/leaked-senders.debug1.txt"
check "heap.pb.gz as served" cmp -s "$T/all/heap.pb.gz" "$D/heapdiff/2.heap"
check "allocs.pb.gz as served" cmp -s "$T/all/allocs.pb.gz" "$D/heapdiff/1.heap"
check "mutex.pb.gz as served" cmp -s "$T/all/mutex.pb.gz" "$D/scripts/mutex.pb.gz"
check "block.pb.gz as served" cmp -s "$T/all/block.pb.gz" "$D/scripts/block.pb.gz"
check "cpu.pb.gz as served" cmp -s "$T/all/cpu.pb.gz" "$D/scripts/cpu.pb.gz"
check "report printed" cmp -s <(head -n "$(wc -l < "$T/all/report.txt")" "$T/out") "$T/all/report.txt"
check "report header" test "$(sed -n 1p "$T/all/report.txt")" = "go-collect: $URL at $(sed -n 1p "$T/all/report.txt" | sed 's/.* at //')"
check "report folder line" test "$(sed -n 2p "$T/all/report.txt")" = "folder: $T/all"
section() {  # the lines of one report section, its == line excluded
  awk -v t="== $1: " 'index($0, t) == 1 { on = 1; next } /^== / { on = 0 } on' "$T/all/report.txt" | sed '$d'
}
check "goroutines section" cmp -s <(section goroutines) <("$G" --color never --no-stacks "$D/goleak-cluster/nil-chan-select.debug2.txt")
check "goroutines section command" has "$T/all/report.txt" "== goroutines: goleak-cluster --color never --no-stacks goroutine.debug2.txt"
check "heap section" cmp -s <(section "heap in use") <("$HD" --nodecount 4 "$D/heapdiff/2.heap")
check "allocs section" cmp -s <(section "allocated since start") <("$HD" -s alloc_space --nodecount 4 "$D/heapdiff/1.heap")
check "CPU section" cmp -s <(section CPU) <("$HD" --nodecount 4 "$D/scripts/cpu.pb.gz")
check "mutex section" cmp -s <(section "mutex contention") <("$HD" --nodecount 4 "$D/scripts/mutex.pb.gz")
check "block section" cmp -s <(section blocking) <("$HD" --nodecount 4 "$D/scripts/block.pb.gz")
check "block section's top row" has "$T/all/report.txt" "sync.(*Mutex).Lock (inline)"
check "flame graphs line" has "$T/all/report.txt" "== flame graphs (stackfold | flamesvg): cpu.svg heap.svg allocs.svg goroutines.svg"
check "goroutines.svg counts goroutines" grep -q 'main.(\*Stats).reporter (3 goroutines' "$T/all/goroutines.svg"
started="$(sed -n 1p "$T/all/report.txt" | sed 's/.* at //')"
svg() {  # svg INPUT COUNTNAME TITLE [stackfold options]: the SVG by hand
  local in="$1" countname="$2" title="$3"
  shift 3
  "$SF" "$@" "$in" | "$BUILD/cmd/flamesvg/flamesvg" --title "$title" \
    --subtitle "$URL $started" --countname "$countname"
}
check "cpu.svg by hand" cmp -s "$T/all/cpu.svg" <(svg "$D/scripts/cpu.pb.gz" nanoseconds CPU)
check "heap.svg by hand" cmp -s "$T/all/heap.svg" <(svg "$D/heapdiff/2.heap" bytes "Heap in use")
check "allocs.svg by hand (alloc_space)" cmp -s "$T/all/allocs.svg" <(svg "$D/heapdiff/1.heap" bytes "Allocated since start" --sample-index alloc_space)
check "goroutines.svg by hand" cmp -s "$T/all/goroutines.svg" <(svg "$D/goleak-cluster/nil-chan-select.debug2.txt" goroutines Goroutines)
check "last line" test "$(tail -n 1 "$T/out")" = "go-collect: everything is in $T/all/ (report: $T/all/report.txt; in a browser: $T/all/index.html)"
# The verdict: first in the report, and again at the end of the output,
# one line per culprit, from the fixtures' known answers.
cat > "$T/verdict" <<'EOF'
== verdict
goroutines: stuck: 3 goroutines blocked in chan send (nil chan) at main.(*Stats).reporter (nilchan.go:30), created by main.main (nilchan.go:50)
goroutines: stuck: 3 goroutines blocked in chan receive (nil chan) at main.(*Stats).listener (nilchan.go:35), created by main.main (nilchan.go:51)
goroutines: stuck: 3 goroutines blocked in select (no cases) at main.keepAlive (nilchan.go:41), created by main.main (nilchan.go:52)
goroutines: and 1 more cluster (4 suspect, 0 unsure: see the report)
heap: top in-use: main.newSession holds 1.25MB (45.47% of 2.74MB)
cpu: hottest own code: main.buildReport at service.go:95: 4.56s (95.80% of CPU, with the library calls it makes)
EOF
check "verdict at the top of the report" cmp -s <(sed -n '4,10p' "$T/all/report.txt") "$T/verdict"
check "verdict at the end of the output" cmp -s <(tail -n 8 "$T/out" | head -n 7) "$T/verdict"
check "fetching lines, one per download" test "$(grep -c "^go-collect: fetching $URL/debug/pprof/" "$T/err")" = 7
check "index.html written" test -s "$T/all/index.html"
check "index.html: the verdict" has "$T/all/index.html" "<li>heap: top in-use: main.newSession holds 1.25MB (45.47% of 2.74MB)</li>"
check "index.html: the graphs, relative" has "$T/all/index.html" '<iframe class="graph" src="cpu.svg"'
check "index.html: no absolute paths or network" bash -c "! grep -qE 'src=\"(/|http)|href=\"(/|http)' '$T/all/index.html'"
check "index.html: the report, escaped" has "$T/all/index.html" "main.(*Stats).reporter (nilchan.go:30), created by main.main (nilchan.go:50)"
if command -v xmllint >/dev/null; then
  check "index.html parses as XHTML-clean HTML" xmllint --html --noout "$T/all/index.html"
fi
if command -v xmllint >/dev/null; then
  check "SVGs well-formed" xmllint --noout "$T"/all/*.svg
fi

# The old -s SECONDS (deprecated, with a note), --seconds and --duration=
# give the same report as -d 2s (its first two lines name the time and
# folder).
for alias in "-s 2" "--seconds 2" "--duration=2"; do
  # shellcheck disable=SC2086  # the alias is two words on purpose
  rc=$(run_rc "$S" $alias --top 4 -o "$T/alias" "${URL#http://}")
  check "$alias, host:port: exit 0" test "$rc" = 0
  check "$alias: same report as -d 2s" cmp -s <(sed 1,2d "$T/alias/report.txt") <(sed 1,2d "$T/all/report.txt")
  rm -rf "$T/alias"
done
rc=$(run_rc "$S" -s 2 --top 4 -o "$T/alias" "$URL")
check "-s: deprecation note first" test "$(head -n 1 "$T/err")" = "go-collect: warning: -s is deprecated here (it means --sample-index in go-heap-diff and heapdiff): use -d 2s"

# Mutex profiling off (no samples), the block endpoint failing, no CPU.
routes '!500 block profile unavailable' "$D/scripts/mutex-empty.pb.gz"
start_server "$T/routes"
mkdir -p "$T/cwd"
rc=$(cd "$T/cwd" && run_rc "$S" -d 0 "$URL")
check "one failure: exit 2" test "$rc" = 2
check "one failure: no CPU request with -d 0" bash -c "! grep -q profile '$T/requests'"
dir="$(ls -d "$T"/cwd/pprof-* 2>/dev/null || true)"
check "default folder name: host_port and UTC time" bash -c "[[ '${dir##*/}' =~ ^pprof-127\.0\.0\.1_$(cat "$T/port")-[0-9]{8}T[0-9]{6}Z$ ]]"
check "one failure: named" has "$T/err" "go-collect: $URL/debug/pprof/block: HTTP 500: block profile unavailable"
check "one failure: summary" has "$T/err" "go-collect: incomplete: block.pb.gz failed (see above); the rest is in pprof-"
check "one failure: the rest collected" test -f "$dir/heap.pb.gz" -a -f "$dir/mutex.pb.gz" -a ! -e "$dir/block.pb.gz"
check "one failure: in the report" has "$dir/report.txt" "== failed: block.pb.gz"
check "empty mutex profile: section" has "$dir/report.txt" "Showing nodes accounting for 0, 0% of 0 total"
check "empty mutex profile: no SVG" test ! -e "$dir/mutex.svg"
check "no CPU: no cpu.svg" has "$dir/report.txt" "== flame graphs (stackfold | flamesvg): heap.svg allocs.svg goroutines.svg"
check "empty mutex profile: the hint" has "$dir/report.txt" "mutex: empty: the service records lock contention only after runtime.SetMutexProfileFraction(N), e.g. 5"
check "one failure: index.html still written" test -s "$dir/index.html"

# Names from the service reach HTML escaped: a dump whose function names
# carry markup.
sed -e 's/main\.keepAlive/main.keepAlive<script>alert(1)<\/script>\&amp;"x"/' \
  "$D/goleak-cluster/nil-chan-select.debug2.txt" > "$T/hostile.txt"
printf '/debug/pprof/goroutine?debug=2\t%s\n' "$T/hostile.txt" > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$S" -d 0 -o "$T/hostile" "$URL")
check "hostile names: exit 2 (the rest 404)" test "$rc" = 2
check "hostile names: in the report as given" has "$T/hostile/report.txt" 'main.keepAlive<script>alert(1)</script>&amp;"x"'
check "hostile names: escaped in index.html" has "$T/hostile/index.html" 'main.keepAlive&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;&quot;x&quot;'
check "hostile names: no script element" bash -c "! grep -q '<script' '$T/hostile/index.html'"

# Ctrl-C while the CPU profile is being taken (the service never answers
# it here): what was fetched is still read, and the verdict shown.
{
  printf '/debug/pprof/goroutine?debug=2\t%s\n' "$D/goleak-cluster/nil-chan-select.debug2.txt"
  printf '/debug/pprof/heap\t%s\n' "$D/heapdiff/2.heap"
  printf '/debug/pprof/block\t%s\n' "$D/scripts/block-empty.pb.gz"
  printf '/debug/pprof/profile?seconds=30\t!hang\n'
} > "$T/routes"
start_server "$T/routes"
set -m
"$S" -o "$T/ctrlc" "$URL" > "$T/ctrlc.out" 2> "$T/ctrlc.err" &
pid=$!
set +m
for _ in $(seq 300); do
  grep -q 'takes 30s' "$T/ctrlc.err" 2>/dev/null && break
  sleep 0.1
done
sleep 0.3
kill -INT -- "-$pid"
rc=0; wait "$pid" || rc=$?
check "Ctrl-C: exit 2 (incomplete)" test "$rc" = 2
check "Ctrl-C: the profile interrupted" has "$T/ctrlc.err" "go-collect: $URL/debug/pprof/profile?seconds=30: interrupted"
check "Ctrl-C: says so" has "$T/ctrlc.err" "go-collect: interrupted: reading what was fetched"
check "Ctrl-C: the verdict on what was fetched" test "$(grep -c '^goroutines: stuck: \|^heap: top in-use: main.newSession \|^block: empty: ' "$T/ctrlc.out")" = 10
check "Ctrl-C: no half profile" test ! -e "$T/ctrlc/cpu.pb.gz"

# Nothing answers at all: no empty folder is left behind.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
rc=$(run_rc "$S" -d 0 -o "$T/nothing" "${URL#http://}")
check "nothing fetched: exit 2" test "$rc" = 2
check "nothing fetched: message" test "$(tail -n 1 "$T/err")" = "go-collect: nothing fetched from $URL (see above)"
check "nothing fetched: no folder left" test ! -e "$T/nothing"
finish
