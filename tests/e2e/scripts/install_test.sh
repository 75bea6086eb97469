#!/usr/bin/env bash
# `cmake --install BUILD --prefix TMP` gives working commands: the four
# tools and the five scripts (named without .sh) in TMP/bin, run from
# elsewhere with a clean environment; the installed scripts use the tools
# beside them (not a decoy earlier on PATH), also through a symlink; and
# scripts/X.sh in a checkout uses build/cmd/<tool>/<tool>.
# Usage: install_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
unset STACKTOOLS_BUILD
P="$T/prefix"

if ! cmake --install "$BUILD" --prefix "$P" > "$T/install.log" 2>&1; then
  echo "FAIL cmake --install:"; sed 's/^/  | /' "$T/install.log"
  exit 1
fi
tools=(stackfold flamesvg heapdiff goleak-cluster)
scripts=(perf-flame go-cpu-flame go-heap-diff go-leak-check go-collect)
for c in "${tools[@]}" "${scripts[@]}"; do
  check "installed: bin/$c" test -x "$P/bin/$c"
done
for lib in lib_go_fetch.sh lib_go_verdict.sh lib_go_index.sh; do
  check "installed: share/stacktools/$lib" test -f "$P/share/stacktools/$lib"
done
check "no .sh names in bin" bash -c "! ls '$P/bin' | grep -q '\.sh$'"

mkdir -p "$T/elsewhere" "$T/decoy"
# A decoy goleak-cluster first on PATH: the installed scripts must not use it.
printf '#!/bin/sh\necho decoy >&2\nexit 3\n' > "$T/decoy/goleak-cluster"
chmod +x "$T/decoy/goleak-cluster"
run() {  # run CMD...: in $T/elsewhere, with only the prefix and system on PATH
  (cd "$T/elsewhere" && env -i HOME="$T" TZ=UTC LC_ALL=C \
    PATH="$P/bin:/usr/bin:/bin" "$@")
}
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:[A-Z]*=//p' "$BUILD/CMakeCache.txt")"
for c in "${tools[@]}"; do
  rc=$(run_rc run "$c" --version)
  check "$c --version" test "$rc:$(cat "$T/out")" = "0:$c ${version:-0.1.0}"
done
for c in "${scripts[@]}"; do
  rc=$(run_rc run "$c" --help)
  check "$c --help" test "$rc:$(head -n 1 "$T/out" | cut -d' ' -f1-2)" = "0:Usage: $c"
done

# The installed tools in a pipe.
run bash -c "stackfold '$REPO/testdata/perf/go.perf.txt' | flamesvg --title installed > go.svg"
check "stackfold | flamesvg installed" grep -q '>installed<' "$T/elsewhere/go.svg"
rc=$(run_rc run heapdiff "$REPO/testdata/heapdiff/1.heap" "$REPO/testdata/heapdiff/2.heap")
check "heapdiff installed = pprof" cmp -s "$T/out" "$REPO/testdata/heapdiff/diff.inuse_space.pprof-top.txt"

# An installed script against the fake server, the decoy first on PATH.
printf '/debug/pprof/goroutine?debug=2\t%s\t%s\n' \
  "$REPO/testdata/scripts/nil-chan-select.before.debug2.txt" \
  "$REPO/testdata/goleak-cluster/nil-chan-select.debug2.txt" > "$T/routes"
start_server "$T/routes"
rc=$(cd "$T/elsewhere" && run_rc env -i HOME="$T" PATH="$T/decoy:$P/bin:/usr/bin:/bin" \
  go-leak-check -i 0 -o leak "$URL")
check "installed go-leak-check: exit 1 (leak)" test "$rc" = 1
check "installed go-leak-check: verdict" grep -q '^go-leak-check: LEAK: 3 suspect clusters grew by 6 goroutines' "$T/out"
check "installed go-leak-check: not the decoy" bash -c "! grep -q decoy '$T/err'"
# Through a symlink in another folder: the script still finds its library
# and the tools beside its real location.
ln -s "$P/bin/go-leak-check" "$T/decoy/glc"
start_server "$T/routes"
rc=$(cd "$T/elsewhere" && run_rc env -i HOME="$T" PATH="$T/decoy:/usr/bin:/bin" \
  glc -i 0 -o leak2 "$URL")
check "symlinked go-leak-check: exit 1" test "$rc" = 1
check "symlinked go-leak-check: verdict" grep -q '^go-leak-check: LEAK: ' "$T/out"

# Run from a checkout: scripts/X.sh finds build/cmd/<tool>/<tool> beside it.
mkdir -p "$T/checkout/scripts"
cp "$REPO/scripts/go-leak-check.sh" "$REPO"/scripts/lib_go_*.sh "$T/checkout/scripts/"
for c in "${tools[@]}"; do
  mkdir -p "$T/checkout/build/cmd/$c"
  ln -s "$BUILD/cmd/$c/$c" "$T/checkout/build/cmd/$c/$c"
done
start_server "$T/routes"
rc=$(cd "$T/elsewhere" && run_rc env -i HOME="$T" PATH="$T/decoy:/usr/bin:/bin" \
  "$T/checkout/scripts/go-leak-check.sh" -i 0 -o leak3 "$URL")
check "checkout go-leak-check.sh: exit 1" test "$rc" = 1
check "checkout go-leak-check.sh: verdict" grep -q '^go-leak-check: LEAK: ' "$T/out"
finish
