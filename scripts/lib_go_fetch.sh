# shellcheck shell=bash
# Shared by the user-facing scripts (perf-flame, go-cpu-flame, go-heap-diff,
# go-leak-check, go-collect); sourced, never run. Defines:
#   die MSG            message on stderr, exit 2
#   find_tool NAME     path of a stacktools binary (see below), or die
#   pprof_base URL     http://host:port without a trailing / or /debug/pprof
#   fetch URL FILE     download with curl (wget when curl is missing); on
#                      failure says which URL and why, removes FILE, returns 2
#   check_interval V   accept 30, 1.5, 30s, 5m, 1h (what sleep takes)
#   utc_stamp          20261122T031500Z
# The caller sets PROG (its name in messages) and SELF_DIR (its own folder).

die() {
  echo "$PROG: $*" >&2
  exit 2
}

# Where the tools are, first match wins:
#   $STACKTOOLS_BUILD/cmd/NAME/NAME   a build tree named explicitly
#   SELF_DIR/NAME                     installed: the scripts sit next to the tools
#   SELF_DIR/../bin/NAME
#   SELF_DIR/../build/cmd/NAME/NAME   run from the repository after a build
#   NAME on PATH
find_tool() {
  local name="$1" c
  local candidates=()
  [ -n "${STACKTOOLS_BUILD:-}" ] && candidates+=("$STACKTOOLS_BUILD/cmd/$name/$name")
  candidates+=("$SELF_DIR/$name" "$SELF_DIR/../bin/$name" "$SELF_DIR/../build/cmd/$name/$name")
  for c in "${candidates[@]}"; do
    if [ -f "$c" ] && [ -x "$c" ]; then
      echo "$c"
      return 0
    fi
  done
  if c="$(command -v "$name" 2>/dev/null)"; then
    echo "$c"
    return 0
  fi
  die "cannot find $name (looked in ${candidates[*]} and PATH; build with scripts/quickstart.sh, or set STACKTOOLS_BUILD to a build folder)"
}

pprof_base() {
  local u="${1%/}"
  u="${u%/debug/pprof}"
  case "$u" in
    http://*|https://*) ;;
    *) die "$1: not an http:// or https:// URL" ;;
  esac
  echo "$u"
}

# fetch URL FILE [MAX_SECONDS]
fetch() {
  local url="$1" file="$2" max="${3:-120}" rc=0 code
  if command -v curl >/dev/null 2>&1; then
    code="$(curl --silent --show-error --location --max-time "$max" \
      --output "$file" --write-out '%{http_code}' "$url" 2>"$file.err")" || rc=$?
    if [ "$rc" -ne 0 ]; then
      echo "$PROG: $url: $(sed -e 's/^curl: ([0-9]*) //' "$file.err" | head -n 1)" >&2
      rm -f "$file" "$file.err"
      return 2
    fi
    rm -f "$file.err"
    if [ "$code" != 200 ]; then
      # net/http/pprof explains failures in the body (e.g. "Could not
      # enable CPU profiling: cpu profiling already in use").
      echo "$PROG: $url: HTTP $code: $(head -c 300 "$file" | tr -s '\r\n' '  ' | sed 's/ *$//')" >&2
      rm -f "$file"
      return 2
    fi
  elif command -v wget >/dev/null 2>&1; then
    if ! wget --no-verbose --timeout="$max" --tries=1 --output-document="$file" \
        "$url" 2>"$file.err"; then
      # wget's last line says why: "... ERROR 404: Not Found." or
      # "failed: Connection refused."
      echo "$PROG: $url: $(tail -n 1 "$file.err" | sed -e 's/^.*ERROR /HTTP /' -e 's/^.*failed: //')" >&2
      rm -f "$file" "$file.err"
      return 2
    fi
    rm -f "$file.err"
  else
    die "needs curl or wget to fetch $url"
  fi
  if [ ! -s "$file" ]; then
    echo "$PROG: $url: empty response" >&2
    rm -f "$file"
    return 2
  fi
  return 0
}

check_interval() {
  [[ "$1" =~ ^[0-9]+(\.[0-9]+)?[smh]?$ ]] ||
    die "bad interval '$1' (use seconds, or 30s, 5m, 1h)"
}

utc_stamp() {
  date -u +%Y%m%dT%H%M%SZ
}

# need_value OPTION ARGC: an option's value is missing.
need_value() {
  [ "$2" -ge 2 ] || die "$1 needs a value (see --help)"
}

# fetch_series COUNT INTERVAL URL PREFIX SUFFIX WHAT: fetches URL COUNT times,
# INTERVAL apart, into PREFIX-N-<UTC>SUFFIX, naming each WHAT on stderr; the
# paths land in the array SERIES. Exits 2 when a fetch fails.
fetch_series() {
  local count="$1" interval="$2" url="$3" prefix="$4" suffix="$5" what="$6"
  local i file
  SERIES=()
  for ((i = 1; i <= count; i++)); do
    if [ "$i" -gt 1 ]; then
      echo "$PROG: next $what in $interval" >&2
      sleep "$interval"
    fi
    file="$prefix-$i-$(utc_stamp)$suffix"
    fetch "$url" "$file" || exit 2
    echo "$PROG: $what $i of $count: $file" >&2
    SERIES+=("$file")
  done
}
