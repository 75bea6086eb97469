# shellcheck shell=bash
# Sourced by the script tests. Needs: REPO (repository root), BUILD (the
# build folder, exported as STACKTOOLS_BUILD so the scripts use its tools).
# Gives: T (a temp folder removed at exit), check NAME CMD..., run_rc
# (exit status of a command, stdout/stderr into $T/out, $T/err),
# start_server ROUTES (sets URL to the fake net/http/pprof on 127.0.0.1),
# requests (the request targets the server saw, one per line), finish.
set -euo pipefail
export STACKTOOLS_BUILD="$BUILD"
export TZ=UTC LC_ALL=C
T="$(mktemp -d "${TMPDIR:-/tmp}/scripts-e2e.XXXXXX")"
SERVER_PID=""
cleanup() {
  [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
fail=0
check() {  # check NAME CMD...: CMD succeeding means the check passed
  local name="$1"
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
run_rc() {  # run_rc CMD...: echoes CMD's exit status; output in $T/out, $T/err
  local rc=0
  "$@" > "$T/out" 2> "$T/err" || rc=$?
  echo "$rc"
}
has() {  # has FILE FIXED-STRING
  grep -qF -- "$2" "$1" || { echo "  $1 lacks: $2"; sed 's/^/  | /' "$1" | head -n 40; return 1; }
}
start_server() {  # start_server ROUTES-FILE
  [ -z "$SERVER_PID" ] || { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  rm -f "$T/port" "$T/requests"
  python3 "$REPO/tests/e2e/scripts/pprof_server.py" --routes "$1" \
    --port-file "$T/port" --log "$T/requests" --lifetime 120 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    [ -s "$T/port" ] && break
    sleep 0.05
  done
  [ -s "$T/port" ] || { echo "FAIL fake pprof server did not start"; exit 1; }
  touch "$T/requests"
  # shellcheck disable=SC2034  # read by the tests that source this file
  URL="http://127.0.0.1:$(cat "$T/port")"
}
requests() { cat "$T/requests"; }
finish() {
  [ "$fail" = 0 ] && echo "all checks passed"
  exit "$fail"
}
