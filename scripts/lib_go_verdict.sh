# shellcheck shell=bash
# The verdict lines the Go scripts print first and last: one line per
# culprit, read from the tools' own output (goleak-cluster's headlines,
# heapdiff's -top rows), never re-parsed from the profiles. Sourced by
# lib_go_fetch.sh. Needs HEAPDIFF and GOLEAK set by the caller when it
# calls the matching function. Defines:
#   own_code PROFILE [MODULE]  sets OWN_RE (an re2 regexp of the service's
#                      own functions) and OWN_EVIDENCE (why)
#   verdict_goroutines DUMP [BASE]  "goroutines: ..." lines
#   verdict_heap PROFILE            "heap: ..." (top in-use function)
#   verdict_cpu PROFILE             "cpu: ..." (hottest own function, line)
#   verdict_empty PROFILE KIND      "mutex: ..." hint when it has no samples
#   top_row TABLE-FILE              first row of a -top table: the fields

# The package of a Go function name: main.(*T).M -> main,
# github.com/a/b/pkg.F -> github.com/a/b/pkg.
_go_package() {
  awk '{
    n = $0; p = ""
    i = match(n, /.*\//)
    if (i) { p = substr(n, 1, RLENGTH); n = substr(n, RLENGTH + 1) }
    j = index(n, ".")
    if (j > 1) print p substr(n, 1, j - 1)
  }'
}

# The module a non-standard package belongs to, by the hosting rules Go
# module paths follow (github.com/org/repo, gopkg.in/x.v1, example.com/x).
_go_module() {
  awk -F/ '{
    if ($1 ~ /^(github\.com|gitlab\.com|bitbucket\.org|golang\.org)$/ && NF >= 3) print $1 "/" $2 "/" $3
    else if (NF >= 2) print $1 "/" $2
    else print $1
  }'
}

_re_quote() {  # an re2 literal
  printf '%s' "$1" | sed 's/[][\.*+?^$(){}|]/\\&/g'
}

# own_code PROFILE [MODULE]: which functions are the service's own, and
# the evidence, first that applies: MODULE (--module); the module line of
# ./go.mod; the profile's module named like its main binary (File: shop
# -> example.com/shop); else, a guess that says so, the most frequent
# non-standard module among its functions. Package main always counts.
own_code() {
  local profile="$1" module="${2:-}" table binary pkgs top n total
  OWN_EVIDENCE=""
  if [ -n "$module" ]; then
    OWN_EVIDENCE="package main and $module (given by --module)"
  elif [ -f go.mod ] && module="$(awk '$1 == "module" { print $2; exit }' go.mod)" && [ -n "$module" ]; then
    OWN_EVIDENCE="package main and $module (the module line of ./go.mod)"
  else
    table="$("$HEAPDIFF" --nodecount 100000 "$profile" 2>/dev/null)" || table=""
    binary="$(printf '%s\n' "$table" | sed -n 's/^File: //p' | head -n 1)"
    # Non-standard: the first path element has a dot (Go's rule).
    pkgs="$(printf '%s\n' "$table" |
      awk 'f { $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); sub(/ \(inline\)$/, ""); print } / flat%  *sum%/ { f = 1 }' |
      _go_package | grep -E '^[^/]*\.[^/]*(/|$)' || true)"
    if [ -n "$pkgs" ]; then
      total="$(printf '%s\n' "$pkgs" | wc -l)"
      module="$(printf '%s\n' "$pkgs" | _go_module | sort -u |
        awk -v b="$binary" 'b != "" && ($0 ~ ("/" b "$") || $0 == b) { print; exit }')"
      if [ -n "$module" ]; then
        OWN_EVIDENCE="package main and $module (named like the profile's main binary, $binary; --module names another)"
      else
        read -r n top < <(printf '%s\n' "$pkgs" | _go_module | sort | uniq -c | sort -k1,1nr -k2 | head -n 1)
        module="$top"
        OWN_EVIDENCE="package main and $module (a guess: the most frequent non-standard module, $n of the profile's $total non-standard functions; --module names another)"
      fi
    else
      OWN_EVIDENCE="package main (the profile names no non-standard module; --module names one)"
    fi
  fi
  OWN_RE='^main\.'
  [ -z "$module" ] || OWN_RE="$OWN_RE|^$(_re_quote "$module")[/.]"
}

# top_row FILE: the first row under a -top table's column line, as
# "FLAT FLAT% CUM CUM% NAME"; nothing when the table has no rows.
top_row() {
  awk 'f && NF >= 6 { n = $0; sub(/^ *[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+  /, "", n); print $1, $2, $4, $5, n; exit }
       / flat%  *sum%/ { f = 1 }' "$1"
}

# verdict_goroutines DUMP [BASE]: the leak suspects' headlines (count,
# state, function and file:line, creator), three at most.
verdict_goroutines() {
  local dump="$1" base=() report
  [ -z "${2:-}" ] || base=(--base "$2")
  report="$("$GOLEAK" --color never --no-stacks "${base[@]}" "$dump" 2>/dev/null)" || {
    echo "goroutines: the dump could not be read (see the report)"
    return 0
  }
  printf '%s\n' "$report" | awk '
    /^[A-Z][A-Z ]+[A-Z]: / {
      on = 0
      if (index($0, "LEAK SUSPECTS: ") == 1) { on = 1; label = "stuck: " }
      if (index($0, "UNSURE FROM ONE DUMP: ") == 1) { on = 1; label = "unsure from one dump (take a second: go-leak-check): " }
      next
    }
    /^$/ { on = 0; next }
    on && /^[^ ]/ {
      if (label == "stuck: ") s++; else u++
      if (++n <= 3) print "goroutines: " label $0
    }
    END {
      if (n > 3) print "goroutines: and " n - 3 " more cluster" (n > 4 ? "s" : "") " (" s + 0 " suspect, " u + 0 " unsure: see the report)"
      if (n == 0) print "goroutines: no leak suspects"
    }'
}

# _row ROW: splits a top_row line into R_FLAT R_SHARE R_NAME (the name
# keeps its spaces; nothing is glob-expanded).
_row() {
  read -r R_FLAT R_SHARE _ _ R_NAME <<< "$1"
}

# _top PROFILE HEAPDIFF-OPTION...: the first row of heapdiff's table.
_top() {
  local profile="$1" out
  shift
  out="$(mktemp "${TMPDIR:-/tmp}/stacktools-verdict.XXXXXX")"
  if "$HEAPDIFF" "$@" --nodecount 1 "$profile" > "$out" 2>/dev/null; then
    top_row "$out"
  fi
  rm -f "$out"
}

# verdict_heap PROFILE [MODULE]: the function holding the most in-use
# memory, and the own function that does when it is another.
verdict_heap() {
  local profile="$1" row total name flat share own=""
  if ! total="$("$HEAPDIFF" --nodecount 1 "$profile" 2>/dev/null |
      sed -n 's/^Showing nodes accounting for .* of \(.*\) total$/\1/p' | head -n 1)"; then
    echo "heap: the profile could not be read (see the report)"
    return 0
  fi
  row="$(_top "$profile")"
  if [ -z "$row" ]; then
    echo "heap: nothing in use in the profile"
    return 0
  fi
  _row "$row"
  name="$R_NAME" flat="$R_FLAT" share="$R_SHARE"
  own_code "$profile" "${2:-}"
  row="$(_top "$profile" --show "$OWN_RE")"
  if [ -n "$row" ]; then
    _row "$row"
    [ "$R_NAME" = "$name" ] ||
      own="; own code: $R_NAME holds $R_FLAT ($R_SHARE, with the library allocations it makes)"
  fi
  echo "heap: top in-use: $name holds $flat ($share of $total)$own"
}

# verdict_cpu PROFILE [MODULE]: the hottest own function and line. Own
# code's time includes the library calls it makes (heapdiff --show, as
# pprof -show: hidden frames count for the shown frame that called them).
verdict_cpu() {
  local profile="$1" row line hottest where=""
  if ! "$HEAPDIFF" --nodecount 1 "$profile" > /dev/null 2>&1; then
    echo "cpu: the profile could not be read (see the report)"
    return 0
  fi
  own_code "$profile" "${2:-}"
  hottest="$(_top "$profile")"
  row="$(_top "$profile" --show "$OWN_RE")"
  line="$(_top "$profile" --show "$OWN_RE" --granularity lines)"
  if [ -z "$hottest" ]; then
    echo "cpu: no samples in the profile"
    return 0
  fi
  if [ -z "$row" ]; then
    _row "$hottest"
    echo "cpu: no own code on CPU ($OWN_EVIDENCE); hottest function: $R_NAME $R_FLAT ($R_SHARE)"
    return 0
  fi
  if [ -n "$line" ]; then
    _row "$line"
    # "main.f /path/to/file.go:95": keep the file's base name.
    where=" at ${R_NAME##*/}"
  fi
  _row "$row"
  echo "cpu: hottest own code: $R_NAME$where: $R_FLAT ($R_SHARE of CPU, with the library calls it makes)"
}

# verdict_empty PROFILE KIND: a profile with no samples says why.
verdict_empty() {
  local profile="$1" kind="$2" out row
  out="$(mktemp "${TMPDIR:-/tmp}/stacktools-verdict.XXXXXX")"
  "$HEAPDIFF" --nodecount 1 "$profile" > "$out" 2>/dev/null || { rm -f "$out"; return 0; }
  row="$(top_row "$out")"
  rm -f "$out"
  [ -z "$row" ] || return 0
  case "$kind" in
    mutex) echo "mutex: empty: the service records lock contention only after runtime.SetMutexProfileFraction(N), e.g. 5" ;;
    block) echo "block: empty: the service records blocking only after runtime.SetBlockProfileRate(N), e.g. 10000 (ns)" ;;
    *) echo "$kind: empty profile" ;;
  esac
}

# verdict_heap_report REPORT COUNT: what a go-heap-diff report found: with
# two snapshots the row that grew most; with more, the leak suspects
# (heapdiff's rule), or that there are none.
verdict_heap_report() {
  local report="$1" count="$2" row
  if [ "$count" -eq 2 ]; then
    # The rows are ordered by the size of the change, either way: the
    # first that grew.
    row="$(awk 'f && NF >= 6 && $1 !~ /^-/ && $1 != "0" { n = $0; sub(/^ *[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+  /, "", n); print $1, $2, $4, $5, n; exit }
                / flat%  *sum%/ { f = 1 }' "$report")"
    if [ -z "$row" ]; then
      echo "heap: nothing grew between the two snapshots (in the rows shown)"
      return 0
    fi
    _row "$row"
    echo "heap: grew most: $R_NAME $R_FLAT ($R_SHARE of the last total; one comparison cannot tell a leak from the GC sawtooth: take 3 or more, -n 3)"
    return 0
  fi
  awk '
    /^Leak suspects: / { n = $3; total = $5; on = 1; next }
    /^Not leaks/ { on = 0 }
    on && / growth +per / { rows = 1; next }
    on && rows && NF { if (++k <= 3) { sub(/^ +/, ""); gsub(/   +/, "  "); print "heap: leak suspect: " $0 }; next }
    on && rows && !NF { on = 0 }
    END {
      if (n == "") print "heap: no series in the report"
      else if (n == 0) print "heap: no leak suspects among " total " paths (heapdiff'"'"'s leak rule)"
      else if (n > 3) print "heap: and " n - 3 " more leak suspect" (n > 4 ? "s" : "") " (see the report)"
    }' "$report"
}
