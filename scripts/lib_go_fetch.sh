# shellcheck shell=bash
# Shared by the user-facing scripts (perf-flame, go-cpu-flame, go-heap-diff,
# go-leak-check, go-collect); sourced, never run. Every download goes
# through fetch; every duration through to_seconds. Defines:
#   die MSG            message on stderr, exit 2
#   warn MSG           "PROG: warning: MSG" on stderr
#   find_tool NAME     path of a stacktools binary (see below), or die
#   pprof_base URL     http://host:port[/prefix] without a trailing /, the
#                      /debug/pprof/ part or a pprof endpoint after it
#   fetch URL FILE [EXPECTED_SECONDS]
#                      download with curl (wget when curl is missing),
#                      saying "fetching URL" first; on failure says which
#                      URL and why, removes FILE, returns 2
#   to_seconds V       30, 1.5, 30s, 5m, 1h -> seconds (what sleep takes),
#                      or die naming the forms
#   to_whole_seconds V the same, rounded to whole seconds (>= 1)
#   utc_stamp          20261122T031500Z
#   own_dir DIR        DIR is ours: removed at exit when nothing was kept
#   fetch_series ...   a series of snapshots that Ctrl-C ends early
# The caller sets PROG (its name in messages) and SELF_DIR (its own folder).
# Timeouts (environment, seconds): STACKTOOLS_CONNECT_TIMEOUT (5) to
# connect, STACKTOOLS_READ_TIMEOUT (30) of silence once connected (on top
# of the seconds a CPU profile takes).

die() {
  echo "$PROG: $*" >&2
  exit 2
}

warn() {
  echo "$PROG: warning: $*" >&2
}

# The verdict lines and go-collect's page (sourced here, so each script
# sources one library).
for _lib in "$(dirname "${BASH_SOURCE[0]}")"/lib_go_{verdict,index}.sh; do
  # shellcheck source=lib_go_verdict.sh
  [ -f "$_lib" ] && . "$_lib"
done
unset _lib

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

# Set to 1 by the scripts' INT/TERM traps (Ctrl-C): fetch then says
# "interrupted", a series stops and reports on what it has.
INTERRUPTED=0

# The endpoints net/http/pprof serves under /debug/pprof/.
PPROF_ENDPOINTS="profile heap allocs goroutine mutex block threadcreate trace cmdline symbol"

# pprof_base URL: what every script appends /debug/pprof/... to. Takes
# what go tool pprof takes: host:port without a scheme (http:// is
# assumed), and a URL copied from a browser that already names an
# endpoint (.../debug/pprof/heap?gc=1): the endpoint and its query go,
# each script asks for its own.
pprof_base() {
  local u="$1" e
  case "$u" in
    http://*|https://*) ;;
    *://*) die "$1: not an http:// or https:// URL" ;;
    "") die "empty URL (give host:port or http://host:port)" ;;
    *) u="http://$u" ;;
  esac
  u="${u%%\?*}"
  u="${u%/}"
  for e in $PPROF_ENDPOINTS; do
    u="${u%/debug/pprof/"$e"}"
  done
  u="${u%/debug/pprof}"
  local rest="${u#*://}"
  [ -n "${rest%%/*}" ] || die "$1: no host in the URL"
  echo "$u"
}

_timeout_env() {  # _timeout_env NAME DEFAULT VAR: VAR = a whole number of seconds
  local v="${!1:-$2}"
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "$1 must be a whole number of seconds, not '$v'"
  printf -v "$3" '%s' "$v"
}

# Why a download failed, in words that say what to do next, from curl's
# exit status and message.
_fetch_failure() {
  local rc="$1" msg="$2" connect="$3" read="$4"
  case "$rc:$msg" in
    28:*"Read error"*|28:*"too slow"*|28:*"Operation timed out"*)
      echo "connected, but no answer within ${read}s (the service is hung or overloaded, or this port is not its net/http/pprof; STACKTOOLS_READ_TIMEOUT sets the limit)" ;;
    28:*)
      echo "no connection within ${connect}s (is the host up and the port open? STACKTOOLS_CONNECT_TIMEOUT sets the limit)" ;;
    7:*)
      echo "$msg (is the service running, and is this its net/http/pprof port?)" ;;
    *) echo "$msg" ;;
  esac
}

# fetch URL FILE [EXPECTED_SECONDS]: EXPECTED_SECONDS is how long the
# service takes on purpose before it answers (a CPU profile's length); the
# read timeout counts on top of it.
fetch() {
  local url="$1" file="$2" expected="${3:-0}" rc=0 code
  local connect read err
  _timeout_env STACKTOOLS_CONNECT_TIMEOUT 5 connect
  _timeout_env STACKTOOLS_READ_TIMEOUT 30 read
  err="$(mktemp "${TMPDIR:-/tmp}/stacktools-fetch.XXXXXX")"
  if [ "$expected" -gt 0 ]; then
    echo "$PROG: fetching $url (takes ${expected}s) ..." >&2
  else
    echo "$PROG: fetching $url ..." >&2
  fi
  if command -v curl >/dev/null 2>&1; then
    # The low-speed limit is the read timeout: less than 1 byte a second
    # for that long ends the transfer, also while waiting for the reply.
    code="$(curl --silent --show-error --location \
      --connect-timeout "$connect" --speed-limit 1 \
      --speed-time $((read + expected)) \
      --output "$file" --write-out '%{http_code}' "$url" 2>"$err")" || rc=$?
    if [ "$rc" -gt 128 ] || [ "$INTERRUPTED" = 1 ]; then
      echo "$PROG: $url: interrupted" >&2
      rm -f "$file" "$err"
      return 2
    elif [ "$rc" -ne 0 ]; then
      echo "$PROG: $url: $(_fetch_failure "$rc" "$(sed -e 's/^curl: ([0-9]*) //' "$err" | head -n 1)" "$connect" "$((read + expected))")" >&2
      rm -f "$file" "$err"
      return 2
    fi
    rm -f "$err"
    if [ "$code" != 200 ]; then
      # net/http/pprof explains failures in the body (e.g. "Could not
      # enable CPU profiling: cpu profiling already in use").
      echo "$PROG: $url: HTTP $code: $(head -c 300 "$file" | tr -s '\r\n' '  ' | sed 's/ *$//')" >&2
      rm -f "$file"
      return 2
    fi
  elif command -v wget >/dev/null 2>&1; then
    if ! wget --no-verbose --connect-timeout="$connect" --dns-timeout="$connect" \
        --read-timeout=$((read + expected)) --tries=1 --output-document="$file" \
        "$url" 2>"$err"; then
      # wget's last line says why: "... ERROR 404: Not Found." or
      # "failed: Connection refused."
      local why
      why="$(tail -n 1 "$err" | sed -e 's/^.*ERROR /HTTP /' -e 's/^.*failed: //')"
      case "$why" in
        *"Read error"*|*"timed out"*) why="$(_fetch_failure 28 "$why" "$connect" "$((read + expected))")" ;;
      esac
      echo "$PROG: $url: $why" >&2
      rm -f "$file" "$err"
      return 2
    fi
    rm -f "$err"
  else
    rm -f "$err"
    die "needs curl or wget to fetch $url"
  fi
  if [ ! -s "$file" ]; then
    echo "$PROG: $url: empty response" >&2
    rm -f "$file"
    return 2
  fi
  return 0
}

# to_seconds V: the one duration syntax of every script (and of
# goleak-cluster --min-wait, spikewatch): plain seconds, or a number with
# s, m or h.
to_seconds() {
  local v="$1" n unit
  [[ "$v" =~ ^([0-9]+(\.[0-9]+)?)([smh]?)$ ]] ||
    die "bad duration '$v' (use seconds, or 30s, 5m, 1h)"
  n="${BASH_REMATCH[1]}" unit="${BASH_REMATCH[3]}"
  case "$unit" in
    m) awk -v n="$n" 'BEGIN { printf "%.10g\n", n * 60 }' ;;
    h) awk -v n="$n" 'BEGIN { printf "%.10g\n", n * 3600 }' ;;
    *) awk -v n="$n" 'BEGIN { printf "%.10g\n", n }' ;;
  esac
}

# to_whole_seconds V OPTION: for the service's ?seconds=N, which takes whole
# seconds (at least 1).
to_whole_seconds() {
  local s
  s="$(to_seconds "$1")"
  s="$(awk -v n="$s" 'BEGIN { printf "%d\n", n + 0.5 }')"
  [ "$s" -ge 1 ] || die "$2 must be at least 1s, not '$1'"
  echo "$s"
}

utc_stamp() {
  date -u +%Y%m%dT%H%M%SZ
}

# need_value OPTION ARGC: an option's value is missing.
need_value() {
  [ "$2" -ge 2 ] || die "$1 needs a value (see --help)"
}

# own_dir DIR: makes DIR (with its parents); at exit, when a failure kept
# nothing in it, it is removed again, so a run that fetched nothing leaves
# no empty folder behind.
OWN_DIRS=()
own_dir() {
  local d="$1" p=""
  [ -d "$d" ] || p=new
  mkdir -p "$d" || die "cannot make $d"
  [ -z "$p" ] || OWN_DIRS+=("$d")
}
_remove_empty_dirs() {
  local d
  for d in "${OWN_DIRS[@]}"; do
    rmdir "$d" 2>/dev/null || true
  done
}
trap _remove_empty_dirs EXIT

# fetch_series COUNT INTERVAL URL PREFIX SUFFIX WHAT: fetches URL COUNT times,
# INTERVAL apart, into PREFIX-N-<UTC>SUFFIX, naming each WHAT on stderr; the
# paths land in the array SERIES. Exits 2 when a fetch fails. Ctrl-C (or
# SIGTERM) ends the series early: SERIES then holds the snapshots already
# taken and INTERRUPTED=1, for the caller to report on them.
fetch_series() {
  local count="$1" interval="$2" url="$3" prefix="$4" suffix="$5" what="$6"
  local i file sleeper
  SERIES=()
  trap 'INTERRUPTED=1' INT TERM
  for ((i = 1; i <= count; i++)); do
    if [ "$i" -gt 1 ]; then
      echo "$PROG: next $what in $interval" >&2
      # In the background, so a signal ends the wait at once.
      sleep "$(to_seconds "$interval")" &
      sleeper=$!
      wait "$sleeper" 2>/dev/null || true
      kill "$sleeper" 2>/dev/null || true
    fi
    [ "$INTERRUPTED" = 0 ] || break
    file="$prefix-$i-$(utc_stamp)$suffix"
    if ! fetch "$url" "$file"; then
      [ "$INTERRUPTED" = 1 ] && break
      exit 2
    fi
    echo "$PROG: $what $i of $count: $file" >&2
    SERIES+=("$file")
    [ "$INTERRUPTED" = 0 ] || break
  done
  trap - INT TERM
  if [ "$INTERRUPTED" = 1 ]; then
    echo "$PROG: interrupted after ${#SERIES[@]} of $count ${what}s" >&2
    [ "${#SERIES[@]}" -ge 2 ] ||
      die "nothing to compare: ${#SERIES[@]} $what taken (${SERIES[*]:-none kept})"
    echo "$PROG: the report covers the ${#SERIES[@]} ${what}s taken" >&2
  fi
}

# is_go_binary FILE: the Go linker's build-info magic is in the file.
is_go_binary() {
  [ -r "$1" ] && LC_ALL=C grep -qaF -m 1 'Go buildinf:' "$1" 2>/dev/null
}

# top_self FOLDED N: the N leaf frames with the most samples of their own,
# with their share, from folded stacks ("a;b;leaf COUNT").
top_self() {
  awk '{
      n = $NF; line = $0; sub(/ [^ ]+$/, "", line)
      k = split(line, f, ";"); self[f[k]] += n; total += n
    }
    END { for (x in self) printf "%d\t%.2f%%\t%s\n", self[x], 100 * self[x] / total, x }' "$1" |
    sort -t "$(printf '\t')" -k1,1nr -k3,3 | head -n "$2" |
    awk -F '\t' '{ printf "%14s %7s  %s\n", $1, $2, $3 }'
}
