#!/usr/bin/env bash
# A service that accepts the connection and never answers (the fake
# server's "!hang"): every script's fetch gives up with a clear message
# within 40 s at the default timeouts, leaves no folder behind, and the
# same through wget; bad timeout settings are refused.
# Usage: no_answer_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
S="$REPO/scripts/go-leak-check.sh"

# A service that accepts the connection and never answers: a clear
# message within 40 s with the default timeouts (5 s connect, 30 s read).
printf '/debug/pprof/goroutine?debug=2\t!hang\n' > "$T/routes"
start_server "$T/routes"
rc=$(run_rc timeout 40 "$S" -i 0 -o "$T/hang" "$URL")
check "no answer: exit 2 (not killed by timeout 40)" test "$rc" = 2
check "no answer: fetching line first" test "$(head -n 1 "$T/err")" = "go-leak-check: fetching $URL/debug/pprof/goroutine?debug=2 ..."
check "no answer: message" has "$T/err" "go-leak-check: $URL/debug/pprof/goroutine?debug=2: connected, but no answer within 30s (the service is hung or overloaded, or this port is not its net/http/pprof; STACKTOOLS_READ_TIMEOUT sets the limit)"
check "no answer: no empty folder left" test ! -e "$T/hang"
# The same through wget (no curl on PATH), with a shorter read timeout.
if command -v wget >/dev/null 2>&1; then
  mkdir -p "$T/nocurl"
  for f in /usr/local/bin/* /usr/bin/* /bin/*; do
    b="${f##*/}"
    [ "$b" = curl ] || [ -e "$T/nocurl/$b" ] || ln -s "$f" "$T/nocurl/$b"
  done
  rc=$(PATH="$T/nocurl" STACKTOOLS_READ_TIMEOUT=2 run_rc "$S" -i 0 -o "$T/hang" "$URL")
  check "no answer, wget: exit 2" test "$rc" = 2
  check "no answer, wget: message" has "$T/err" "go-leak-check: $URL/debug/pprof/goroutine?debug=2: connected, but no answer within 2s ("
fi
rc=$(STACKTOOLS_READ_TIMEOUT=soon run_rc "$S" -i 0 -o "$T/hang" "$URL")
check "bad STACKTOOLS_READ_TIMEOUT: exit 2" test "$rc" = 2
check "bad STACKTOOLS_READ_TIMEOUT: message" has "$T/err" "go-leak-check: STACKTOOLS_READ_TIMEOUT must be a whole number of seconds, not 'soon'"
finish
