# shellcheck shell=bash
# go-collect's index.html: one self-contained page per folder (no network,
# no external files but the folder's own SVGs, linked relative), readable
# offline in any browser. Sourced by lib_go_fetch.sh. Defines:
#   html_text          stdin -> stdout, escaped for HTML text and
#                      attributes (& < > " '), control bytes dropped
#   write_index DIR TITLE VERDICT-FILE REPORT-FILE SVG...

html_text() {
  LC_ALL=C tr -d '\000-\010\013\014\016-\037\177' |
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
      -e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# _svg_height SVG: the graph's height in px (its root element's attribute).
_svg_height() {
  local h
  h="$(head -c 4096 "$1" | sed -n 's/.*<svg[^>]* height="\([0-9]*\)".*/\1/p' | head -n 1)"
  echo "${h:-600}"
}

write_index() {
  local dir="$1" title="$2" verdict="$3" report="$4"
  shift 4
  local out="$dir/index.html.tmp" svg f
  {
    printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    printf '<title>%s</title>\n' "$(printf '%s' "$title" | html_text)"
    cat <<'STYLE'
<style>
body { font-family: sans-serif; margin: 1em 2em; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; font-size: 13px; }
ul.verdict li { font-family: monospace; margin: 0.2em 0; }
iframe { border: 1px solid #ccc; width: 100%; }
</style>
STYLE
    printf '</head>\n<body>\n<h1>%s</h1>\n' "$(printf '%s' "$title" | html_text)"
    printf '<h2 id="verdict">Verdict</h2>\n<ul class="verdict">\n'
    html_text < "$verdict" | sed 's|.*|<li>&</li>|'
    printf '</ul>\n'
    if [ $# -gt 0 ]; then
      printf '<h2 id="graphs">Flame graphs</h2>\n'
      printf '<p>Hover a frame for its share, click to zoom; open a graph alone (its link) to search with Ctrl-F.</p>\n'
      for svg in "$@"; do
        f="$(printf '%s' "$svg" | html_text)"
        printf '<h3><a href="%s">%s</a></h3>\n' "$f" "$f"
        printf '<iframe class="graph" src="%s" height="%s" title="%s"></iframe>\n' \
          "$f" "$(($(_svg_height "$dir/$svg") + 20))" "$f"
      done
    fi
    printf '<h2 id="report">Report</h2>\n<pre>'
    html_text < "$report"
    printf '</pre>\n<h2 id="files">Files</h2>\n<ul>\n'
    for f in "$dir"/*; do
      [ -f "$f" ] || continue
      f="$(printf '%s' "${f##*/}" | html_text)"
      [ "$f" = index.html.tmp ] || printf '<li><a href="%s">%s</a></li>\n' "$f" "$f"
    done
    printf '</ul>\n</body>\n</html>\n'
  } > "$out"
  mv "$out" "$dir/index.html"
}
