#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need (only those
# missing), then configures and builds into build/ (or $BUILD_DIR).
# Run by quickstart.sh and test.sh; quiet when everything is there.
# BUILD_TARGETS="a b" builds only those targets (quickstart: the tools);
# SETUP_PROGRESS=1 prints a line per target built and per ten files compiled.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"

# Build and test dependencies (see README "Dependencies").
PACKAGES=(cmake g++ make pkg-config libboost-program-options-dev
  libprotobuf-dev protobuf-compiler zlib1g-dev libre2-dev libgtest-dev
  libcurl4-openssl-dev libxml2-utils python3)
# Optional extras: used by tests and benchmarks when present.
EXTRA_PACKAGES=(${EXTRA_PACKAGES:-})

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_missing "${PACKAGES[@]}"
if [ ${#EXTRA_PACKAGES[@]} -gt 0 ]; then
  install_missing "${EXTRA_PACKAGES[@]}" || echo "setup: could not install ${EXTRA_PACKAGES[*]} (tests that need them will skip)" >&2
fi

JOBS="$(nproc 2>/dev/null || echo 2)"
[ "${SETUP_PROGRESS:-0}" = 0 ] || echo "setup: configuring $BUILD_DIR" >&2
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  ${CMAKE_ARGS:-} >/dev/null
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
if [ "${SETUP_PROGRESS:-0}" = 0 ]; then
  cmake --build "$BUILD_DIR" -j "$JOBS" "${targets[@]}" -- --no-print-directory 2>&1 |
    grep -Ev '^\[ *[0-9]+%\]|^(Consolidate|Scanning|Built target)' || true
else
  echo "setup: building ${BUILD_TARGETS:-everything} with $JOBS jobs (minutes on a busy 2-core machine)" >&2
  # Compiler messages pass; progress: a line per target built and one per
  # ten files compiled (make's percentages restart with each target).
  cmake --build "$BUILD_DIR" -j "$JOBS" "${targets[@]}" -- --no-print-directory 2>&1 |
    awk '/^\[ *[0-9]+%\] Built target / { sub(/^.*Built target /, ""); if (!seen[$0]++) { print "setup: built " $0; fflush() }; next }
         /^\[ *[0-9]+%\] Building / { if (++n % 10 == 0) { print "setup: compiled " n " files ..."; fflush() }; next }
         /^\[ *[0-9]+%\]/ || /^(Consolidate|Scanning)/ { next }
         { print; fflush() }' >&2 || true
fi
test "${PIPESTATUS[0]}" -eq 0
