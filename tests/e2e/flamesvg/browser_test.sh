#!/usr/bin/env bash
# Opens flamesvg graphs in headless Chromium and checks the interactions
# (click to zoom, Reset Zoom, search button, Ctrl-F, ignore-case, Matched: %,
# state in the URL and restored from it, icicle zoom, labels re-fitted, a
# name with & < > " ' reaching search and zoom). Exits 77 (SKIPPED) without
# Chromium.
# Usage: browser_test.sh FLAMESVG
set -euo pipefail
FLAMESVG="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "SKIPPED: chromium is not installed (Debian package 'chromium')"
  exit 77
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1180 samples on a 1200 px image: 1 px per sample, so every expected
# number below can be checked by hand. "beta" appears twice, once nested
# inside "alpha": Matched must count its 380 samples once, not 560.
printf '%s\n' 'main;work;alpha 300' 'main;work;beta 200' 'main;idle 100' \
  'main;work;alpha;beta 180' 'other 400' | "$FLAMESVG" > "$TMP/graph.svg"
# Icicle: work spans 315 px, tiny 15 px (2 characters: no label) until work
# is zoomed to 1180 px, when tiny becomes 15*1180/315 = 56.2 px. A name
# with every XML-special character, 20 px wide (no label until zoomed):
# search and the zoomed label must see it exactly as written, read from the
# frame's data-name attribute. Matched: 20/1180 = 1.7 %.
printf '%s\n' 'main;work;alpha 300' 'main;work;tiny 15' \
  "main;a&b<c>\"d\"'e' 20" 'other 845' |
  "$FLAMESVG" --inverted > "$TMP/icicle.svg"
cp "$HERE/browser_harness.html" "$TMP/harness.html"

# Runs the harness once; leaves the facts in $TMP/got.txt.
run_browser() {
  rm -rf "$TMP/profile"
  if ! timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --no-first-run --disable-extensions \
      --user-data-dir="$TMP/profile" --allow-file-access-from-files \
      --virtual-time-budget=5000 --dump-dom "file://$TMP/harness.html" \
      > "$TMP/dom.html" 2> "$TMP/chromium.log"; then
    if ! grep -q '<pre id="result">' "$TMP/dom.html"; then
      echo "SKIPPED: chromium did not start:"; tail -5 "$TMP/chromium.log"
      exit 77
    fi
  fi
  # The facts between <pre id="result"> and </pre>, < > & unescaped.
  sed -n '/<pre id="result">/,/<\/pre>/p' "$TMP/dom.html" |
    sed -e '1d' -e '$d' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' \
    > "$TMP/got.txt"
}

# work: x 110..790 (680 px). Zoomed to 1180 px, alpha (480) becomes
# 480*1180/680 = 832.9 px; main (its ancestor) is dimmed ("parent"),
# "other" hidden. Matched beta = 380/1180 = 32.2 %, ALPHA with
# ignore-case = 480/1180 = 40.7 %.
cat > "$TMP/want.txt" <<'WANT'
load.work.width=680.0
load.unzoom.class=hide
hover.details=Function: work (680 samples, 57.63%)
hover.out.details=[ ]
zoom.work.width=1180.0
zoom.alpha.width=832.9
zoom.alpha.label=alpha
zoom.main.class=parent
zoom.other.class=hide
zoom.unzoom.class=
zoom.url=?x=110.0&y=69
search.prompted=1
search.matched=Matched: 32.2%
search.button=Reset Search
search.beta.fill=rgb(230,0,230)
search.url=?x=110.0&y=69&s=beta
reset.matched=[ ]
ctrlf.prompted=2
ctrlf.matched=Matched: 40.7%
unzoom.work.width=680.0
unzoom.other.class=
unzoom.unzoom.class=hide
restored.work.width=1180.0
restored.other.class=hide
restored.matched=Matched: 32.2%
icicle.tiny.label=[]
icicle.zoom.work.width=1180.0
icicle.zoom.tiny.width=56.2
icicle.zoom.tiny.label=tiny
icicle.zoom.main.class=parent
icicle.zoom.other.class=hide
special.data-name=a&b<c>"d"'e'
special.load.label=[]
special.hover.details=Function: a&b<c>"d"'e' (20 samples, 1.69%)
special.zoom.width=1180.0
special.zoom.label=a&b<c>"d"'e'
special.search.matched=Matched: 1.7%
special.search.fill=rgb(230,0,230)
special.search.other.fill=unchanged
WANT
# Order of the iframes' loads is not fixed; compare sorted. On a
# loaded machine the page can be dumped before both frames finished, so a
# mismatch is retried once before it counts.
run_browser
if ! diff -q <(sort "$TMP/want.txt") <(sort "$TMP/got.txt") > /dev/null; then
  echo "browser run 1 differed; retrying once"
  run_browser
fi
if ! diff <(sort "$TMP/want.txt") <(sort "$TMP/got.txt"); then
  echo "FAIL: browser saw something else (diff above: < wanted, > got)"
  exit 1
fi
echo "OK: $(wc -l < "$TMP/got.txt") browser checks passed"
