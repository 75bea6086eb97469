#!/usr/bin/env bash
# flamesvg as a command: inputs (stdin, files, .gz, several files, unsorted),
# differential modes, bad lines, --strict, exit statuses and messages,
# determinism, --max-frames, --cp. Usage: cli_test.sh FLAMESVG
set -euo pipefail
FLAMESVG="$1"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
fail() { echo "FAIL: $*"; exit 1; }
expect_eq() { [ "$1" = "$2" ] || fail "$3: got [$1], wanted [$2]"; }
titles() { grep -o '<title>[^<]*' "$1" | sed 's/<title>//' | sort; }

printf 'b;c 3\na;b 1\na;c;d 2\na;b 4\n' > one.folded
"$FLAMESVG" one.folded > one.svg
# Same bytes twice; from stdin; from gzip; unsorted vs sorted; split files.
"$FLAMESVG" one.folded | cmp - one.svg || fail "not deterministic"
"$FLAMESVG" < one.folded | cmp - one.svg || fail "stdin differs"
gzip -c one.folded > one.folded.gz
"$FLAMESVG" one.folded.gz | cmp - one.svg || fail ".gz differs"
sort one.folded | "$FLAMESVG" - | cmp - one.svg || fail "sorted differs"
head -2 one.folded > p1; tail -2 one.folded > p2
"$FLAMESVG" p1 p2 | cmp - one.svg || fail "two files differ from one"
expect_eq "$(titles one.svg | tr '\n' '|')" \
  "a (7 samples, 70.00%)|all (10 samples, 100%)|b (3 samples, 30.00%)|b (5 samples, 50.00%)|c (2 samples, 20.00%)|c (3 samples, 30.00%)|d (2 samples, 20.00%)|" \
  "merged frames"

# Empty input: small valid SVG, message, status 2.
status=0
: | "$FLAMESVG" > empty.svg 2> err || status=$?
expect_eq "$status" 2 "empty input status"
expect_eq "$(cat err)" "flamesvg: no valid input" "empty input message"
grep -q '>ERROR: No valid input provided to flamesvg.</text>' empty.svg ||
  fail "empty input SVG"

# Bad lines are skipped and summarised; --strict stops at the first.
printf 'a;b 1\ngarbage\nc 2\nd 1 x\n' > bad.folded
"$FLAMESVG" bad.folded > bad.svg 2> err
expect_eq "$(cat err)" \
  "flamesvg: warning: skipped 2 malformed lines (first: bad.folded:2: no count at the end of the line)" \
  "bad lines summary"
expect_eq "$(titles bad.svg | head -1)" "a (1 samples, 33.33%)" "valid lines kept"
status=0
"$FLAMESVG" --strict bad.folded > /dev/null 2> err || status=$?
expect_eq "$status" 2 "--strict status"
expect_eq "$(cat err)" \
  "flamesvg: malformed line at bad.folded:2: no count at the end of the line" \
  "--strict message"

# "#" metadata lines (austin's "# duration: 23873") are skipped, not drawn
# as a frame and not counted as malformed.
printf '# interval: 100\n# duration: 23873\nmain;work 3\n' > meta.folded
"$FLAMESVG" meta.folded > meta.svg 2> err
expect_eq "$(cat err)" "" "metadata lines: no warning"
expect_eq "$(titles meta.svg | grep -c duration)" 0 "metadata lines: no frame"
expect_eq "$(titles meta.svg | head -1)" "all (3 samples, 100%)" "metadata lines: total"

# Unreadable input and bad usage: status 2 with a message.
status=0
"$FLAMESVG" nope.folded > /dev/null 2> err || status=$?
expect_eq "$status" 2 "missing file status"
expect_eq "$(cat err)" "flamesvg: nope.folded: No such file or directory" \
  "missing file message"
status=0
"$FLAMESVG" --colors rainbow one.folded > /dev/null 2> err || status=$?
expect_eq "$status" 2 "bad palette status"
grep -q "unknown palette 'rainbow'" err || fail "bad palette message"
status=0
"$FLAMESVG" --bgcolors 'red" onload="x' one.folded > /dev/null 2> err ||
  status=$?
expect_eq "$status" 2 "bad --bgcolors status"

# Differential: "stack BEFORE AFTER" lines and --diff BEFORE AFTER agree.
printf 'a;b 5\na;c 3\nx 2\n' > before.folded
printf 'a;c 6\na;d 2\nx 2\n' > after.folded
printf 'a;b 5 0\na;c 3 6\na;d 0 2\nx 2 2\n' > pairs.folded
"$FLAMESVG" --diff before.folded after.folded > diff1.svg
"$FLAMESVG" pairs.folded > diff2.svg
cmp diff1.svg diff2.svg || fail "--diff files differ from pair lines"
"$FLAMESVG" --diff before.folded after.folded > /dev/null 2> err
expect_eq "$(cat err)" "" "--diff BEFORE AFTER: no warning"
# --colors with a differential graph: the change colours win, with a
# warning; the graph is the same as without --colors.
"$FLAMESVG" --diff --colors go before.folded after.folded > go-diff.svg 2> err
expect_eq "$(cat err)" \
  "flamesvg: warning: --colors go is not used in a differential graph: red and blue show the change (draw one profile without --diff for its colours)" \
  "--colors with --diff warning"
cmp go-diff.svg diff1.svg || fail "--colors changed a differential graph"
"$FLAMESVG" --colors java pairs.folded 2> err | cmp - diff1.svg ||
  fail "--colors changed a graph of pair lines"
grep -q "warning: --colors java is not used" err || fail "pair lines: no --colors warning"
# --diff on one plain file: drawn as deltas, with a warning saying so;
# signed deltas or pair lines give none.
status=0
"$FLAMESVG" --diff before.folded > deltas.svg 2> err || status=$?
expect_eq "$status" 0 "--diff one plain file status"
expect_eq "$(cat err)" \
  'flamesvg: warning: --diff with one input of plain counts: each count is read as a delta (growth); for a comparison give BEFORE and AFTER files (--diff BEFORE AFTER) or "stack BEFORE AFTER" lines' \
  "--diff one plain file warning"
printf 'a;b +5\na;c -3\n' | "$FLAMESVG" --diff > /dev/null 2> err
expect_eq "$(cat err)" "" "--diff signed deltas: no warning"
"$FLAMESVG" --diff pairs.folded > /dev/null 2> err
expect_eq "$(cat err)" "" "--diff pair lines: no warning"
grep -q '>Differential Flame Graph</text>' diff1.svg || fail "diff title"
# Widths are the larger of before and after by default: vanished b is drawn.
grep -q '<title>a (after 8, before 8 samples, 86.67% of width; change +0, +0.00% of before)' diff1.svg ||
  fail "diff tooltip: $(titles diff1.svg)"
grep -q '<title>b (after 0, before 5 samples, 33.33% of width; change -5, vanished)' diff1.svg ||
  fail "vanished b drawn by default"
grep -q '>colour: each frame&apos;s own (self) change (red grew, blue shrank); widths: the larger of before and after</text>' diff1.svg ||
  fail "diff subtitle"
# Own change colours: a's own count did not change, but vanished b (-5)
# and c (+3) did; c is the reddest, b the bluest, a stays neutral.
fill() { grep -A1 "<g data-name=\"$1\">" "$2" | grep -o 'fill="[^"]*"' | head -n 1; }
expect_eq "$(fill a diff1.svg)" 'fill="rgb(250,250,250)"' "self colour of a"
expect_eq "$(fill b diff1.svg)" 'fill="rgb(0,0,255)"' "self colour of b"
expect_eq "$(fill c diff1.svg)" 'fill="rgb(255,80,80)"' "self colour of c"
"$FLAMESVG" --diff --diff-color total before.folded after.folded > total.svg
grep -q '>colour: each frame&apos;s subtree (total) change (red grew, blue shrank); widths: the larger of before and after</text>' total.svg ||
  fail "total subtitle"
expect_eq "$(fill all total.svg)" 'fill="rgb(250,250,250)"' "total colour of all"
rc=0; "$FLAMESVG" --diff --diff-color mine before.folded after.folded > /dev/null 2> err || rc=$?
expect_eq "$rc" 2 "bad --diff-color status"
grep -qx 'flamesvg: --diff-color wants self or total (try --help)' err || fail "bad --diff-color message: $(cat err)"
# --diff-widths after (flamegraph.pl's): vanished b is listed in a's tooltip.
"$FLAMESVG" --diff --diff-widths after before.folded after.folded > after.svg
grep -q '<title>a (after 8, before 8 samples, 80.00% of width; change +0, +0.00% of before)' after.svg ||
  fail "diff tooltip, widths after: $(titles after.svg)"
grep -q 'vanished below: 1 frame, 5 samples before; largest: b' after.svg ||
  fail "vanished b not listed"
# Human units when the counts are bytes or time.
printf 'main;alloc 1593835\nmain 512\n' | "$FLAMESVG" --countname bytes > bytes.svg
grep -q '<title>alloc (1.52 MiB, 99.97%)</title>' bytes.svg || fail "bytes: $(titles bytes.svg)"
printf 'main;spin 5160000000\n' | "$FLAMESVG" --countname nanoseconds > ns.svg
grep -q '<title>spin (5.16 s, 100.00%)</title>' ns.svg || fail "nanoseconds: $(titles ns.svg)"
# Signed deltas (heapdiff --folded): widths are |delta| by default.
printf 'a;b -5\na;c 3\n' | "$FLAMESVG" > delta.svg
grep -q '<title>b (after 0, before 5 samples, 62.50% of width; change -5, vanished)' delta.svg ||
  fail "negative delta: $(titles delta.svg)"
grep -q '<title>c (after 3, before 0 samples, 37.50% of width; change +3, new)' delta.svg ||
  fail "positive delta"
printf 'a;b 5\n' | "$FLAMESVG" --diff 2> err | grep -q 'change +5, new' ||
  fail "--diff on stdin treats counts as deltas"
grep -q "warning: --diff with one input of plain counts" err ||
  fail "--diff on stdin: no warning"

# --max-frames raises the minimum width and says so.
for i in $(seq 1 300); do echo "root;f$i $i"; done > many.folded
"$FLAMESVG" --max-frames 50 many.folded > many.svg 2> err
frames=$(grep -c '<title>' many.svg)
expect_eq "$frames" 50 "--max-frames 50"
grep -q '^flamesvg: note: 299 frames are wider than --minwidth; drawing 50 (--max-frames 50), those wider than 6.59 px' err ||
  fail "--max-frames note: $(cat err)"
grep -q 'not drawn (too narrow): 252 frames below' many.svg ||
  fail "hidden frames in root's tooltip"

# --cp keeps colours in palette.map and reuses them.
"$FLAMESVG" --cp one.folded > cp1.svg
grep -q '^a->rgb(' palette.map || fail "palette.map not written"
sed -i 's/^a->rgb(.*/a->rgb(1,2,3)/' palette.map
"$FLAMESVG" --cp one.folded | grep -q 'fill="rgb(1,2,3)"' ||
  fail "--cp colour not reused"

# Options reach the SVG.
"$FLAMESVG" --title 'T<1>' --subtitle S --width 600 --height 20 --fontsize 10 \
  --countname bytes --nametype 'Func:' --search-color blue --bgcolors grey \
  --fonttype 'DejaVu Sans' one.folded > opts.svg
grep -q 'width="600" height="' opts.svg || fail "--width"
grep -q '>T&lt;1&gt;</text>' opts.svg || fail "--title"
grep -q 'id="subtitle"' opts.svg || fail "--subtitle"
grep -q '<title>a (7 B, 70.00%)' opts.svg || fail "--countname"
grep -q 'height="19.0"' opts.svg || fail "--height"
grep -q 'data-nametype="Func:"' opts.svg || fail "--nametype"
grep -q 'data-search-color="blue"' opts.svg || fail "--search-color"
grep -q 'stop-color="#f8f8f8"' opts.svg || fail "--bgcolors"
grep -q 'font-family:DejaVu Sans; font-size:10px' opts.svg || fail "--fonttype"
"$FLAMESVG" --factor 2 --total 40 one.folded | grep -q '<title>a (14 samples, 35.00%)' ||
  fail "--factor/--total"
echo "OK"
