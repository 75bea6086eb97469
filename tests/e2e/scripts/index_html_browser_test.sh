#!/usr/bin/env bash
# go-collect's index.html in headless Chromium, as a user opens it from
# the folder (file://, offline): the page loads, shows the verdict, and
# each flame graph it links (cpu.svg, heap.svg, allocs.svg,
# goroutines.svg) loads as an SVG with its frames and its script running.
# SKIPPED (exit 77) without Chromium. Usage: index_html_browser_test.sh REPO BUILD
REPO="$1" BUILD="$2"
# shellcheck source=lib_test.sh
. "$REPO/tests/e2e/scripts/lib_test.sh"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "SKIPPED: chromium is not installed (Debian package 'chromium')"
  exit 77
fi
D="$REPO/testdata"
{
  printf '/debug/pprof/goroutine?debug=2\t%s\n' "$D/goleak-cluster/nil-chan-select.debug2.txt"
  printf '/debug/pprof/goroutine?debug=1\t%s\n' "$D/goleak-cluster/leaked-senders.debug1.txt"
  printf '/debug/pprof/heap\t%s\n' "$D/heapdiff/2.heap"
  printf '/debug/pprof/allocs\t%s\n' "$D/heapdiff/1.heap"
  printf '/debug/pprof/mutex\t%s\n' "$D/scripts/mutex-empty.pb.gz"
  printf '/debug/pprof/block\t%s\n' "$D/scripts/block.pb.gz"
  printf '/debug/pprof/profile?seconds=1\t%s\n' "$D/scripts/cpu.pb.gz"
} > "$T/routes"
start_server "$T/routes"
rc=$(run_rc "$REPO/scripts/go-collect.sh" -d 1 -o "$T/site/all" "$URL")
check "go-collect: exit 0" test "$rc" = 0
# The folder moved elsewhere still works: every link is relative.
mv "$T/site/all" "$T/site/moved"

# The harness opens the page in a frame and reports what a reader sees.
cat > "$T/site/harness.html" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body>
<pre id="result"></pre>
<iframe id="page" src="moved/index.html" width="1300" height="900"></iframe>
<script>
document.getElementById("page").onload = function () {
  var out = [], doc = this.contentDocument;
  try {
    out.push("title=" + doc.title.replace(/:[0-9]+ at .*/, ""));
    out.push("verdict.lines=" + doc.querySelectorAll("ul.verdict li").length);
    out.push("verdict.mutex=" + (doc.querySelector("ul.verdict").textContent.indexOf("SetMutexProfileFraction") >= 0));
    var graphs = doc.querySelectorAll("iframe.graph");
    out.push("graphs=" + graphs.length);
    for (var i = 0; i < graphs.length; i++) {
      var g = graphs[i].contentDocument;
      var root = g && g.documentElement;
      out.push(graphs[i].getAttribute("src") + ".root=" + (root ? root.localName : "none") +
               " frames=" + (g ? (g.querySelectorAll("g[data-name]").length > 10) : false) +
               " script=" + (g ? (typeof graphs[i].contentWindow.zoom === "function" ||
                                  g.getElementById("details") !== null) : false));
    }
    out.push("report=" + (doc.getElementById("report") !== null));
  } catch (e) {
    out.push("error=" + e);
  }
  document.getElementById("result").textContent = out.join("\n");
};
</script>
</body></html>
EOF
rm -rf "$T/profile"
if ! timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --no-first-run --disable-extensions \
    --user-data-dir="$T/profile" --allow-file-access-from-files \
    --virtual-time-budget=5000 --dump-dom "file://$T/site/harness.html" \
    > "$T/dom.html" 2> "$T/chromium.log"; then
  if ! grep -q '<pre id="result">' "$T/dom.html"; then
    echo "SKIPPED: chromium did not start:"; tail -5 "$T/chromium.log"
    exit 77
  fi
fi
sed -n '/<pre id="result">/,/<\/pre>/p' "$T/dom.html" |
  sed -e 's/<pre id="result">//' -e 's/<\/pre>.*//' -e 's/&lt;/</g' -e 's/&gt;/>/g' \
    -e 's/&amp;/\&/g' | sed '/^$/d' > "$T/got.txt"
cat > "$T/want.txt" <<EOF
title=go-collect: http://127.0.0.1
verdict.lines=7
verdict.mutex=true
graphs=4
cpu.svg.root=svg frames=true script=true
heap.svg.root=svg frames=true script=true
allocs.svg.root=svg frames=true script=true
goroutines.svg.root=svg frames=true script=true
report=true
EOF
check "index.html in Chromium: verdict and four graphs loaded" cmp -s "$T/got.txt" "$T/want.txt"
cmp -s "$T/got.txt" "$T/want.txt" ||
  diff "$T/want.txt" "$T/got.txt" | sed 's/^/  /'
finish
