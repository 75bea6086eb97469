#!/usr/bin/env bash
# scripts/go-leak-check.sh against the fake net/http/pprof server: the
# dumps it asks for and keeps, the comparison it prints, the verdict and
# exit status (1 only when a leak-suspect cluster grew), --min-growth, and
# its errors. Usage: go_leak_check_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/go-leak-check.sh"
G="$BUILD/cmd/goleak-cluster/goleak-cluster"
BEFORE="$REPO/testdata/scripts/nil-chan-select.before.debug2.txt"
AFTER="$REPO/testdata/goleak-cluster/nil-chan-select.debug2.txt"
SENDERS="$REPO/testdata/goleak-cluster/leaked-senders.debug1.txt"

rc=$(run_rc "$S" --help)
check "--help exits 0" test "$rc" = 0
check "--help usage line" has "$T/out" "Usage: go-leak-check [options] [URL]"
rc=$(run_rc "$S" -m 0)
check "--min-growth 0 exits 2" test "$rc" = 2
check "--min-growth 0 message" has "$T/err" "go-leak-check: --min-growth must be a number >= 1"
rc=$(run_rc "$S" http://a http://b)
check "two URLs exit 2" test "$rc" = 2

# The process gained 2 goroutines in each of 3 stuck clusters.
printf '/debug/pprof/goroutine?debug=2\t%s\t%s\n' "$BEFORE" "$AFTER" > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$S" -i 0 -o "$T/grew" "$URL")
check "grew: exit 1" test "$rc" = 1
check "asked twice for goroutine?debug=2" test "$(requests)" = "$(printf '/debug/pprof/goroutine?debug=2\n/debug/pprof/goroutine?debug=2')"
dumps=("$T"/grew/goroutine-*.txt)
check "two dumps kept" test "${#dumps[@]}" = 2
check "dump names: index and UTC time" bash -c "[[ '${dumps[0]##*/}' =~ ^goroutine-1-[0-9]{8}T[0-9]{6}Z\.txt$ && '${dumps[1]##*/}' =~ ^goroutine-2-[0-9]{8}T[0-9]{6}Z\.txt$ ]]"
check "first dump as served" cmp -s "${dumps[0]}" "$BEFORE"
check "second dump as served" cmp -s "${dumps[1]}" "$AFTER"
# stdout: the verdict block, goleak-cluster's comparison, the verdict
# block again, the LEAK line.
cat > "$T/verdict" <<'EOF'
== verdict
goroutines: stuck: [grew +2 from 1] 3 goroutines blocked in chan send (nil chan) at main.(*Stats).reporter (nilchan.go:30), created by main.main (nilchan.go:50)
goroutines: stuck: [grew +2 from 1] 3 goroutines blocked in chan receive (nil chan) at main.(*Stats).listener (nilchan.go:35), created by main.main (nilchan.go:51)
goroutines: stuck: [grew +2 from 1] 3 goroutines blocked in select (no cases) at main.keepAlive (nilchan.go:41), created by main.main (nilchan.go:52)
goroutines: and 1 more cluster (4 suspect, 0 unsure: see the report)
EOF
check "verdict first" cmp -s <(head -n 5 "$T/out") "$T/verdict"
check "prints goleak-cluster --no-stacks --base" cmp -s <(sed -n "7,$(($(wc -l < "$T/out") - 7))p" "$T/out") <("$G" --color never --no-stacks --base "$BEFORE" "$AFTER")
check "verdict last" cmp -s <(tail -n 6 "$T/out" | head -n 5) "$T/verdict"
check "report.txt has the stacks" cmp -s "$T/grew/report.txt" <("$G" --color never --base "$BEFORE" "$AFTER")
check "comparison line" has "$T/out" "[grew +2 from 1] 3 goroutines blocked in chan send (nil chan) at main.(*Stats).reporter (nilchan.go:30), created by main.main (nilchan.go:50)"
check "verdict" test "$(tail -n 1 "$T/out")" = "go-leak-check: LEAK: 3 suspect clusters grew by 6 goroutines (between ${dumps[0]##*/} and ${dumps[1]##*/}; report: $T/grew/report.txt)"

# Growth of 2 per cluster is below --min-growth 3: no leak.
start_server "$T/routes"
rc=$(run_rc "$S" -i 0 -m 3 -o "$T/min" "$URL")
check "--min-growth 3: exit 0" test "$rc" = 0
check "--min-growth 3: verdict" grep -q '^go-leak-check: no leak: no suspect cluster grew by 3 or more (between goroutine-1-' "$T/out"

# Unchanged process (after, after): stuck goroutines but nothing grew.
printf '/debug/pprof/goroutine?debug=2\t%s\n' "$AFTER" > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$S" -n 3 -i 0 --stacks -o "$T/same" "$URL")
check "nothing grew: exit 0" test "$rc" = 0
check "three dumps" test "$(ls "$T"/same/goroutine-*.txt | wc -l)" = 3
check "--stacks prints frames" has "$T/out" "    main.(*Stats).reporter  nilchan.go:30"
check "nothing grew: [same] suspects" has "$T/out" "[same] 3 goroutines blocked in chan send (nil chan)"

# A new stuck cluster (a different, aggregated ?debug=1 dump answered).
printf '/debug/pprof/goroutine?debug=2\t%s\t%s\n' "$AFTER" "$SENDERS" > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$S" -i 0 -o "$T/new" "$URL")
check "new suspect clusters: exit 1" test "$rc" = 1
check "new suspect clusters: verdict" grep -q '^go-leak-check: LEAK: 2 suspect clusters grew by 5000 goroutines ' "$T/out"

# Not a goroutine dump, and a dead server.
printf '/debug/pprof/goroutine?debug=2\t%s\n' "$REPO/testdata/heapdiff/1.heap" > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$S" -i 0 -o "$T/bad" "$URL")
check "not a dump: exit 2" test "$rc" = 2
check "not a dump: goleak-cluster says so" grep -q '^goleak-cluster: .*no goroutines found' "$T/err"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
rc=$(run_rc "$S" -i 0 -o "$T/down" "$URL")
check "server down: exit 2" test "$rc" = 2
check "server down: names the URL" grep -q "^go-leak-check: $URL/debug/pprof/goroutine?debug=2: .*(is the service running, and is this its net/http/pprof port?)$" "$T/err"
check "server down: no empty folder left" test ! -e "$T/down"
check "server down: no .err files left" bash -c "! ls -a '$T' | grep -q '\.err$'"

finish
