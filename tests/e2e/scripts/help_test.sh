#!/usr/bin/env bash
# Every tool's and script's --help, as a user runs it in a terminal (a
# pseudo-terminal through script -qc): exit 0, the usage line first, and
# 2-4 examples last, each naming the command; exit statuses listed only
# where the command uses them (1 only for the ones with a finding to fail
# on). A script run with a bad option on a terminal: one line, exit 2.
# Usage: help_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
if ! command -v script >/dev/null 2>&1; then
  echo "SKIPPED: script(1) is not installed (Debian: bsdutils)"
  exit 77
fi
on_tty() {  # on_tty CMD...: runs CMD on a pseudo-terminal; output in $T/out
  local cmd
  printf -v cmd '%q ' "$@"
  # script echoes the command's status; CR LF from the terminal become LF.
  script -qec "$cmd" /dev/null < /dev/null > "$T/tty" 2>&1
  local rc=$?
  tr -d '\r' < "$T/tty" > "$T/out"
  echo "$rc"
}
examples_ok() {  # examples_ok NAME: the help ends with 2-4 example lines naming NAME
  awk -v name="$1" '
    /^Examples:$/ { on = 1; n = 0; bad = 0; next }
    on && /^  / { n++; if (index($0, name) == 0) bad = 1; next }
    on { on = 0; after = 1 }
    END { exit !(n >= 2 && n <= 4 && !bad && !after) }' "$T/out"
}
with_finding="heapdiff goleak-cluster go-heap-diff go-leak-check"
for t in stackfold flamesvg heapdiff goleak-cluster spikewatch; do
  rc=$(on_tty "$BUILD/cmd/$t/$t" --help)
  check "$t --help on a terminal: exit 0" test "$rc" = 0
  check "$t --help: usage line first" test "$(head -n 1 "$T/out" | cut -d' ' -f1-2)" = "Usage: $t"
  check "$t --help: ends with 2-4 examples" examples_ok "$t"
  case " $with_finding " in
    *" $t "*) check "$t --help: exit status 1 listed" grep -q '^Exit status: 0 .*, 1 --fail-on-leak ' "$T/out" ;;
    *) check "$t --help: no exit status 1 (never used)" bash -c "! grep -A1 '^Exit status' '$T/out' | grep -q ', 1 '" ;;
  esac
done
for s in go-collect go-cpu-flame go-heap-diff go-leak-check perf-flame; do
  rc=$(on_tty "$REPO/scripts/$s.sh" --help)
  check "$s --help on a terminal: exit 0" test "$rc" = 0
  check "$s --help: usage line first" test "$(head -n 1 "$T/out" | cut -d' ' -f1-2)" = "Usage: $s"
  check "$s --help: ends with 2-4 examples" examples_ok "$s"
  case " $with_finding " in
    *" $s "*) check "$s --help: exit status 1 listed" grep -q '^Exit status: 0 .*, 1 ' "$T/out" ;;
    *) check "$s --help: no exit status 1 (never used)" bash -c "! grep -A2 '^Exit status' '$T/out' | grep -q ', 1 '" ;;
  esac
  rc=$(on_tty "$REPO/scripts/$s.sh" --bogus)
  check "$s --bogus on a terminal: exit 2" test "$rc" = 2
  check "$s --bogus: one line" test "$(cat "$T/out")" = "$s: unknown $([ "$s" = perf-flame ] && echo "argument --bogus (see --help; a command goes after --)" || echo "option --bogus (see --help)")"
done
rc=$(on_tty "$REPO/scripts/quickstart.sh" --help)
check "quickstart --help: exit 0, builds nothing" test "$rc" = 0
check "quickstart --help: names the contributors' command" has "$T/out" "contributors: scripts/test.sh"
check "quickstart --help: ends with 2-4 examples" examples_ok quickstart
finish
