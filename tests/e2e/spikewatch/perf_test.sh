#!/usr/bin/env bash
# spikewatch --pid on a process without a Go profiler: it idles, then
# spins (perf_workload, frame pointers and known function names). The cpu
# rule fires on the spike, and the capture holds perf's folded stacks, the
# flame graph and a report with the hottest stacks, all under
# main;RunRounds. SKIPPED (exit 77) where perf cannot record here.
# Usage: perf_test.sh REPO BUILD WORKLOAD
REPO="$1" BUILD="$2" WORKLOAD="$3"
# shellcheck source=../scripts/lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
SW="$BUILD/cmd/spikewatch/spikewatch"

if ! command -v perf >/dev/null 2>&1; then
  echo "SKIPPED: perf is not installed (Debian: linux-perf)"
  exit 77
fi
if ! perf record -q -F 99 -g -o "$T/probe.data" -- true > "$T/probe.err" 2>&1; then
  echo "SKIPPED: perf record does not work here: $(head -n 3 "$T/probe.err" | tr '\n' ' ')"
  echo "  (kernel.perf_event_paranoid = $(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo '?'))"
  exit 77
fi

# Idle for 3 s, then the same PID spins for up to 45 s (killed when the
# test ends; long enough that a loaded machine still catches it: it failed
# under heavy parallel builds with a 20 s spin). (min=30%: the spin gets
# less than a whole core when the other tests load the machine.)
bash -c "sleep 3; exec '$WORKLOAD' 45000" &
SERVER_PID=$!
rc=$(run_rc "$SW" --pid "$SERVER_PID" --interval 0.5 --window 3 --cpu-seconds 2 \
  --rule cpu:min=30%,diff=100% --max-captures 1 --duration 50 -o "$T/w")
check "cpu: exit 0" test "$rc" = 0
check "cpu: one event line" test "$(wc -l < "$T/out")" = 1
check "cpu: the event names the rule and a high value" \
  grep -qE "^[0-9-]{10}T[0-9:]{8}Z cpu [0-9.]+% avg=[0-9.]+% window=3 rule=cpu:min=30%,diff=100% by=diff folder=$T/w/[0-9]{8}T[0-9]{6}Z-cpu first: cpu: hottest stack ends in " "$T/out"
captures=("$T"/w/*T*Z-cpu)
C="${captures[0]}"
check "cpu: one capture" test "${#captures[@]}" = 1 -a -d "$C"
check "cpu: perf.data kept" test -s "$C/perf.data"
check "cpu: folded stacks under main;RunRounds" grep -qE '^perf_workload;(.*;)?main;RunRounds;Spin(Alpha|Beta)(;.*)? [1-9][0-9]*$' "$C/cpu.folded"
check "cpu: flame graph" grep -q 'RunRounds' "$C/cpu.svg"
check "cpu: report lists the hottest stacks" grep -qE '^ *[0-9.]+% +[0-9]+  perf_workload;(.*;)?main;RunRounds;' "$C/report.txt"
check "cpu: /proc status kept" grep -q '^Name:' "$C/proc-status.txt"
check "cpu: done after one capture" has "$T/err" "spikewatch: done after 1 capture"
if [ "$fail" != 0 ]; then
  echo "  spikewatch stdout:"; sed 's/^/  | /' "$T/out"
  echo "  spikewatch stderr:"; sed 's/^/  | /' "$T/err"
  [ -f "$C/report.txt" ] && { echo "  report:"; head -n 20 "$C/report.txt" | sed 's/^/  | /'; }
fi
finish
