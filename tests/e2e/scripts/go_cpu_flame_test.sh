#!/usr/bin/env bash
# scripts/go-cpu-flame.sh against the fake net/http/pprof server: the URL
# and query it asks for, the profile it keeps, the SVG and table it makes
# (equal to running the tools by hand), and its errors.
# Usage: go_cpu_flame_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/go-cpu-flame.sh"
D="$REPO/testdata"
SF="$BUILD/cmd/stackfold/stackfold"
FS="$BUILD/cmd/flamesvg/flamesvg"
HD="$BUILD/cmd/heapdiff/heapdiff"

rc=$(run_rc "$S" --help)
check "--help exits 0" test "$rc" = 0
check "--help usage line" has "$T/out" "Usage: go-cpu-flame [options] [URL]"
rc=$(run_rc "$S" --bogus)
check "unknown option exits 2" test "$rc" = 2
check "unknown option message" has "$T/err" "go-cpu-flame: unknown option --bogus (see --help)"
rc=$(run_rc "$S" -d 0 http://127.0.0.1:1)
check "--duration 0 exits 2" test "$rc" = 2
check "--duration 0 message" has "$T/err" "go-cpu-flame: --duration must be at least 1s, not '0'"
rc=$(run_rc "$S" -d 5x http://127.0.0.1:1)
check "--duration 5x exits 2" test "$rc" = 2
check "--duration 5x message" has "$T/err" "go-cpu-flame: bad duration '5x' (use seconds, or 30s, 5m, 1h)"
rc=$(run_rc "$S" ftp://example)
check "non-http URL exits 2" test "$rc" = 2
check "non-http URL message" has "$T/err" "go-cpu-flame: ftp://example: not an http:// or https:// URL"

printf '/debug/pprof/profile?seconds=3\t%s\n/debug/pprof/profile?seconds=1\t!500 Could not enable CPU profiling: cpu profiling already in use\n/debug/pprof/profile?seconds=2\t%s\n/debug/pprof/profile?seconds=4\t%s\n' \
  "$D/scripts/cpu.pb.gz" "$REPO/README.md" "$D/scripts/module-cpu.pb.gz" > "$T/routes"
start_server "$T/routes"

# A real run; the URL given with /debug/pprof/ as people copy it.
rc=$(run_rc "$S" -d 3s -o "$T/res/cpu.svg" -t "my CPU" --top 4 "$URL/debug/pprof/")
check "run exits 0" test "$rc" = 0
check "asked for /debug/pprof/profile?seconds=3" test "$(requests)" = "/debug/pprof/profile?seconds=3"
check "profile kept as fetched" cmp -s "$T/res/cpu.pb.gz" "$D/scripts/cpu.pb.gz"
"$SF" "$D/scripts/cpu.pb.gz" | "$FS" --title "my CPU" --countname nanoseconds > "$T/expected.svg"
check "SVG = stackfold | flamesvg by hand" cmp -s "$T/res/cpu.svg" "$T/expected.svg"
check "SVG names the hot function" grep -q 'crypto/sha256.block' "$T/res/cpu.svg"
# stdout: heapdiff's header, the own code's rows (package main here),
# every function's rows, then where the files are and the verdict line.
"$HD" --nodecount 4 "$D/scripts/cpu.pb.gz" > "$T/expected.top"
{
  sed '/ flat%  *sum%/,$d' "$T/expected.top"
  echo "Own code: package main (the profile names no non-standard module; --module names one); time with the library calls it makes (--show '^main\.'):"
  "$HD" --show '^main\.' --nodecount 4 "$D/scripts/cpu.pb.gz" | sed -n '/ flat%  *sum%/,$p'
  echo "All functions:"
  sed -n '/ flat%  *sum%/,$p' "$T/expected.top"
} > "$T/expected.tables"
check "tables: own code first, then all" cmp -s <(head -n "$(wc -l < "$T/expected.tables")" "$T/out") "$T/expected.tables"
check "own code's first row" test "$(grep -A1 '^Own code' "$T/out" | tail -n 1)" = "      flat  flat%   sum%        cum   cum%"
check "own code ranks main.buildReport first" grep -qE '^ +4.56s 95.80% 95.80% +4.56s 95.80%  main.buildReport$' "$T/out"
check "all functions' first row" grep -qE '^ +4030ms 84.66% 84.66% +4030ms 84.66%  crypto/sha256.block$' "$T/out"
check "verdict: hottest own function and line" test "$(tail -n 1 "$T/out")" = "go-cpu-flame: cpu: hottest own code: main.buildReport at service.go:95: 4.56s (95.80% of CPU, with the library calls it makes)"
check "says where the SVG is" has "$T/out" "go-cpu-flame: flame graph: $T/res/cpu.svg (open it in a browser)"
check "says where the profile is" has "$T/out" "go-cpu-flame: profile: $T/res/cpu.pb.gz"
if command -v xmllint >/dev/null; then
  check "SVG is well-formed XML" xmllint --noout "$T/res/cpu.svg"
fi

# Aliases equal their long forms: -s N (deprecated, with a note) and
# --seconds N are -d N; host:port without a scheme is http://host:port; a
# URL naming the endpoint (as copied from a browser) is not appended to.
rc=$(run_rc "$S" --duration 3 -o "$T/long/cpu.svg" -t "my CPU" --top 4 --cum "$URL")
check "--duration 3 --cum: exit 0" test "$rc" = 0
cp "$T/out" "$T/long.out"
check "--cum sorts by cumulative time" grep -qE '^All functions:$' "$T/long.out"
for alias in "-s 3" "--seconds 3" "--seconds=3" "-d 3s" "-d 0.05m"; do
  # shellcheck disable=SC2086  # the alias is two words on purpose
  rc=$(run_rc "$S" $alias -o "$T/alias/cpu.svg" -t "my CPU" --top 4 --cum "${URL#http://}")
  check "$alias, host:port: exit 0" test "$rc" = 0
  check "$alias: same stdout as --duration 3" cmp -s <(sed "s|$T/alias/|$T/long/|" "$T/out") "$T/long.out"
  check "$alias: same SVG" cmp -s "$T/alias/cpu.svg" "$T/long/cpu.svg"
  check "$alias: asked for seconds=3" test "$(tail -n 1 "$T/requests")" = "/debug/pprof/profile?seconds=3"
done
check "-s: deprecation note" bash -c "'$S' -s 3 -o '$T/alias/cpu.svg' --top 0 '$URL' 2>&1 >/dev/null | grep -qxF 'go-cpu-flame: warning: -s is deprecated here (it means --sample-index in go-heap-diff and heapdiff): use -d 3s'"
rc=$(run_rc "$S" -d 3 -o "$T/alias/cpu.svg" --top 0 "$URL/debug/pprof/profile?seconds=30")
check "URL with the endpoint: exit 0" test "$rc" = 0
check "URL with the endpoint: not appended twice" test "$(tail -n 1 "$T/requests")" = "/debug/pprof/profile?seconds=3"
check "fetching line" has "$T/err" "go-cpu-flame: fetching $URL/debug/pprof/profile?seconds=3 (takes 3s) ..."

# Own code outside package main (module example.com/shop, binary shop):
# found from the binary's name, from ./go.mod, or given by --module.
mkdir -p "$T/mod"
rc=$(cd "$T/mod" && run_rc "$S" -d 4 --top 3 -o m.svg "$URL")
check "module: exit 0" test "$rc" = 0
check "module: evidence is the main binary's name" has "$T/out" "Own code: package main and example.com/shop (named like the profile's main binary, shop; --module names another); time with the library calls it makes (--show '^main\.|^example\.com/shop[/.]'):"
check "module: own code's first row" test "$(grep -A2 '^Own code' "$T/out" | tail -n 1)" = "     240ms 82.76% 82.76%      240ms 82.76%  example.com/shop/internal/pricing.Quote"
check "module: hottest own line" test "$(tail -n 1 "$T/out")" = "go-cpu-flame: cpu: hottest own code: example.com/shop/internal/pricing.Quote at pricing.go:12: 240ms (82.76% of CPU, with the library calls it makes)"
printf 'module example.com/shop\n\ngo 1.19\n' > "$T/mod/go.mod"
rc=$(cd "$T/mod" && run_rc "$S" -d 4 --top 3 -o m.svg "$URL")
check "module: evidence ./go.mod" has "$T/out" "Own code: package main and example.com/shop (the module line of ./go.mod); "
rc=$(cd "$T/mod" && run_rc "$S" -d 4 --top 3 --module example.com/other -o m.svg "$URL")
check "module: --module wins" has "$T/out" "Own code: package main and example.com/other (given by --module); "
check "module: --module's own code is main only" test "$(grep -A2 '^Own code' "$T/out" | tail -n 1 | sed 's/.*  //')" = "main.main"

# Default names: cpu-<UTC time>.svg and .pb.gz in the current folder; the
# default title names the service.
mkdir -p "$T/cwd"
rc=$(cd "$T/cwd" && run_rc "$S" -d 3 --top 0 "$URL")
check "default names exit 0" test "$rc" = 0
svg="$(ls "$T/cwd"/cpu-*.svg 2>/dev/null || true)"
check "default SVG name" bash -c "[[ '${svg##*/}' =~ ^cpu-[0-9]{8}T[0-9]{6}Z\.svg$ ]]"
check "default profile beside it" test -f "${svg%.svg}.pb.gz"
check "default title" grep -q "CPU $URL 3s " "$svg"
check "--top 0 prints no table" bash -c "! grep -q flat% '$T/out'"

# Without curl, wget fetches: the same files, and its own error lines.
if command -v wget >/dev/null 2>&1; then
  mkdir -p "$T/nocurl"
  for f in /usr/local/bin/* /usr/bin/* /bin/*; do
    b="${f##*/}"
    [ "$b" = curl ] || [ -e "$T/nocurl/$b" ] || ln -s "$f" "$T/nocurl/$b"
  done
  rc=$(PATH="$T/nocurl" run_rc "$S" -d 3 -o "$T/wget/cpu.svg" -t "my CPU" --top 4 "$URL")
  check "wget: exit 0" test "$rc" = 0
  check "wget: same profile" cmp -s "$T/wget/cpu.pb.gz" "$D/scripts/cpu.pb.gz"
  check "wget: same SVG" cmp -s "$T/wget/cpu.svg" "$T/expected.svg"
  rc=$(PATH="$T/nocurl" run_rc "$S" -d 7 -o "$T/wget/404.svg" "$URL")
  check "wget: HTTP 404 exits 2" test "$rc" = 2
  check "wget: HTTP 404 message" has "$T/err" "go-cpu-flame: $URL/debug/pprof/profile?seconds=7: HTTP 404: Not Found."
fi

# The service refuses (net/http/pprof answers 500 with a reason).
rc=$(run_rc "$S" -d 1 -o "$T/busy.svg" "$URL")
check "HTTP 500 exits 2" test "$rc" = 2
check "HTTP 500 message" has "$T/err" "go-cpu-flame: $URL/debug/pprof/profile?seconds=1: HTTP 500: Could not enable CPU profiling: cpu profiling already in use"
check "HTTP 500 leaves no files" test ! -e "$T/busy.svg" -a ! -e "$T/busy.pb.gz"
# Something that is not a profile (a web page on the port).
rc=$(run_rc "$S" -d 2 -o "$T/html.svg" "$URL")
check "not a profile exits 2" test "$rc" = 2
check "not a profile message" grep -q "^heapdiff: .*html.pb.gz: " "$T/err"
check "not a profile: no SVG" test ! -e "$T/html.svg"
# Unknown path (404).
rc=$(run_rc "$S" -d 7 -o "$T/404.svg" "$URL")
check "HTTP 404 exits 2" test "$rc" = 2
check "HTTP 404 message" has "$T/err" "go-cpu-flame: $URL/debug/pprof/profile?seconds=7: HTTP 404: 404 page not found"
# Nobody listening.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
rc=$(run_rc "$S" -d 1 -o "$T/down.svg" "$URL")
check "connection refused exits 2" test "$rc" = 2
check "connection refused message" grep -q "^go-cpu-flame: $URL/debug/pprof/profile?seconds=1: .*onnect" "$T/err"

# Tools nowhere to be found: a clear message, exit 2.
mkdir -p "$T/lonely"
cp "$S" "$REPO"/scripts/lib_go_*.sh "$T/lonely/"
rc=$(env -u STACKTOOLS_BUILD PATH=/usr/bin:/bin bash -c "cd '$T' && '$T/lonely/go-cpu-flame.sh' -o x.svg '$URL'" > "$T/out" 2> "$T/err"; echo $?)
check "missing tools exit 2" test "$rc" = 2
check "missing tools message" grep -q "^go-cpu-flame: cannot find stackfold (looked in $T/lonely/stackfold " "$T/err"
finish
