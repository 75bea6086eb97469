#!/usr/bin/env bash
# Every SVG flamesvg writes must be well-formed XML, checked by a real XML
# parser (xmllint), for the shared perf references and for hostile names.
# Exits 77 (SKIPPED) without xmllint. Usage: xml_valid_test.sh FLAMESVG SHARED_DIR
set -euo pipefail
FLAMESVG="$1"
SHARED="$2"
if ! command -v xmllint > /dev/null; then
  echo "SKIPPED: xmllint is not installed (Debian package libxml2-utils)"
  exit 77
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# One <script> (ours) and the expected number of frames, by XPath.
check() {  # check SVG EXPECTED_FRAMES
  xmllint --noout "$1" || fail "$1 is not well-formed"
  local scripts frames
  scripts=$(xmllint --xpath 'count(//*[local-name()="script"])' "$1")
  [ "$scripts" = 1 ] || fail "$1 has $scripts script elements"
  if [ -n "${2:-}" ]; then
    frames=$(xmllint --xpath 'count(//*[@id="frames"]/*[local-name()="g"])' "$1")
    [ "$frames" = "$2" ] || fail "$1 has $frames frames, wanted $2"
  fi
}

# Hostile names: markup, CDATA end, entities, quotes, ESC and other control
# bytes, broken and overlong UTF-8, a lone surrogate, 10 KB names (one of
# multi-byte characters so labels are cut next to them).
long_ascii=$(head -c 10240 /dev/zero | tr '\0' 'x')
long_utf8=$(for i in $(seq 1 2000); do printf '\xc3\xa9\xe2\x82\xac'; done)
{
  printf '%s;%s 10\n' '<script>alert(1)</script>' ']]>'
  printf '%s;%s 10\n' '&amp &lt &#0' '"double" '"'"'single'"'"
  printf 'esc\x1b[31mred;ctl\x01\x02\x08\x0b\x0c\x7f 10\n'
  printf 'bad\xff\xfeutf;trunc\xc3;overlong\xc0\xaf;surrogate\xed\xa0\x80 10\n'
  printf '%s;%s 500\n' "$long_ascii" "$long_utf8"
  printf '%s 300\n' "x-->;<!--y;--;</svg>"
  printf 'cdata<![CDATA[x]]>;pi<?xml?> 10\n'
} > "$TMP/hostile.folded"
"$FLAMESVG" --title '<b>&"T"</b>' --subtitle ']]><x>' --notes '--> <script>' \
  --countname '<c>' --nametype '"n"&' "$TMP/hostile.folded" > "$TMP/hostile.svg"
# all + 2 + 2 + 2 + 4 + 2 + 4 (x-->, <!--y, --, </svg>) + 2
check "$TMP/hostile.svg" 19
grep -q 'alert(1)' "$TMP/hostile.svg" || fail "hostile name lost"
"$FLAMESVG" --inverted --colors go --truncate-text-left "$TMP/hostile.folded" \
  > "$TMP/hostile-inv.svg"
check "$TMP/hostile-inv.svg" 19
printf 'a;b 5 7\n<x>;&y 3 0\n' | "$FLAMESVG" > "$TMP/diff.svg"
check "$TMP/diff.svg"
# Legends: three swatches and the scale for a differential graph (in
# bytes, with a hostile count name), six Go frame kinds for --colors go.
legend() {  # legend SVG -> number of swatches
  xmllint --xpath 'count(//*[@id="legend"]/*[local-name()="rect"])' "$1"
}
[ "$(legend "$TMP/diff.svg")" = 3 ] || fail "diff legend: $(legend "$TMP/diff.svg") swatches"
printf 'a;b 5 7\n<x>;&y 3 0\n' | "$FLAMESVG" --countname '<b>&' > "$TMP/diff2.svg"
check "$TMP/diff2.svg"
printf 'a;b 5 7\n' | "$FLAMESVG" --countname bytes > "$TMP/diff3.svg"
check "$TMP/diff3.svg"
xmllint --xpath 'string(//*[@id="legend"]/*[local-name()="text"][4])' "$TMP/diff3.svg" |
  grep -qx "full colour: a change of 2 B in the frame's own (self) count" || fail "diff legend scale"
[ "$(legend "$TMP/hostile-inv.svg")" = 6 ] || fail "go legend: $(legend "$TMP/hostile-inv.svg") swatches"

# Every shared perf reference, default and a few option sets.
dir="$SHARED/testdata/perf"
if [ ! -d "$dir" ]; then
  echo "OK (hostile names only; $dir is absent)"
  exit 0
fi
n=0
for folded in "$dir"/*/*.folded-default.txt; do
  name=$(basename "$folded" .folded-default.txt)
  status=0
  "$FLAMESVG" "$folded" > "$TMP/$name.svg" 2> "$TMP/err" || status=$?
  if [ ! -s "$folded" ]; then
    [ "$status" = 2 ] || fail "$name: empty input gave status $status"
    grep -q 'No valid input' "$TMP/$name.svg" || fail "$name: no message"
    xmllint --noout "$TMP/$name.svg" || fail "$name: message not well-formed"
    continue
  fi
  [ "$status" = 0 ] || fail "$name: status $status: $(cat "$TMP/err")"
  check "$TMP/$name.svg"
  "$FLAMESVG" --reverse --inverted --colors java --minwidth 1% "$folded" \
    > "$TMP/$name-2.svg"
  check "$TMP/$name-2.svg"
  n=$((n + 1))
done
echo "OK: hostile names and $n shared cases are well-formed XML"
