"use strict";
// flamesvg's interactive flame graph script, embedded in every SVG it
// writes (common/flame/CMakeLists.txt turns this file into FlameScript()).
// Frames are <g data-name="NAME"> elements inside #frames, each holding a
// title "name (details)", a rect and optionally a text label. Settings come
// from data-* attributes on the root <svg>. User text (names, settings)
// reaches the script only through attributes, never as script text.
// Must not contain the CDATA end marker (checked at build time).
var fg = null;

function fgNum(el, name, dflt) {
  var v = parseFloat(el.getAttribute(name));
  return isNaN(v) ? dflt : v;
}

function init(evt) {
  if (fg) return;
  var svg = document.getElementById("frames").ownerSVGElement;
  fg = {
    svg: svg,
    width: fgNum(svg, "data-width", 1200),
    xpad: fgNum(svg, "data-xpad", 10),
    fontsize: fgNum(svg, "data-fontsize", 12),
    fontwidth: fgNum(svg, "data-fontwidth", 0.59),
    keepEnd: svg.getAttribute("data-keep-end") === "1",
    icicle: svg.getAttribute("data-inverted") === "1",
    nametype: svg.getAttribute("data-nametype") || "",
    searchColor: svg.getAttribute("data-search-color") || "rgb(230,0,230)",
    details: document.getElementById("details"),
    unzoom: document.getElementById("unzoom"),
    search: document.getElementById("search"),
    ignorecase: document.getElementById("ignorecase"),
    matched: document.getElementById("matched"),
    frames: [],
    zoomed: null,
    term: null,
    ignoreCase: false
  };
  var groups = document.getElementById("frames").children;
  for (var i = 0; i < groups.length; i++) {
    var g = groups[i];
    var rect = g.querySelector("rect");
    var title = g.querySelector("title");
    if (!rect || !title) continue;
    // The title's line 1 is "name (counts)"; further lines list hidden or
    // vanished children. The details line shows all of it.
    var f = {
      g: g,
      rect: rect,
      text: g.querySelector("text"),
      name: g.getAttribute("data-name") || "",
      info: title.textContent.replace(/\n/g, "; "),
      ax: rect.getAttribute("x"),
      ay: rect.getAttribute("y"),
      x: parseFloat(rect.getAttribute("x")),
      w: parseFloat(rect.getAttribute("width")),
      y: parseFloat(rect.getAttribute("y")),
      fill: rect.getAttribute("fill")
    };
    g.fgIndex = fg.frames.length;
    fg.frames.push(f);
  }
  var frames = document.getElementById("frames");
  frames.addEventListener("click", function(e) {
    var f = frameOf(e.target);
    if (f) zoom(f);
  });
  frames.addEventListener("mouseover", function(e) {
    var f = frameOf(e.target);
    if (f) setText(fg.details, fg.nametype + " " + f.info);
  });
  frames.addEventListener("mouseout", function(e) {
    if (frameOf(e.target)) setText(fg.details, " ");
  });
  fg.unzoom.addEventListener("click", function() { unzoom(); });
  fg.search.addEventListener("click", function() {
    if (fg.term === null) {
      askSearch();
    } else {
      resetSearch();
    }
  });
  fg.ignorecase.addEventListener("click", function() { toggleIgnoreCase(); });
  window.addEventListener("keydown", function(e) {
    var key = e.key ? e.key.toLowerCase() : "";
    if (key === "f3" || e.keyCode === 114 ||
        (e.ctrlKey && (key === "f" || e.keyCode === 70))) {
      e.preventDefault();
      askSearch();
    } else if (e.ctrlKey && (key === "i" || e.keyCode === 73)) {
      e.preventDefault();
      toggleIgnoreCase();
    }
  });
  // Restore zoom and search from ?x=&y=&s=.
  var p = getParams();
  if (p.x !== undefined && p.y !== undefined) {
    for (var k = 0; k < fg.frames.length; k++) {
      if (fg.frames[k].ax === p.x && fg.frames[k].ay === p.y) {
        zoom(fg.frames[k]);
        break;
      }
    }
  }
  if (p.s) search(p.s);
}

function frameOf(el) {
  while (el && el.parentNode) {
    if (el.parentNode.id === "frames") {
      return el.fgIndex === undefined ? null : fg.frames[el.fgIndex];
    }
    el = el.parentNode;
  }
  return null;
}

function setText(el, s) {
  el.textContent = s;
}

function getParams() {
  var out = {};
  var q = window.location.search.substring(1);
  if (!q) return out;
  var parts = q.split("&");
  for (var i = 0; i < parts.length; i++) {
    var eq = parts[i].indexOf("=");
    if (eq < 0) continue;
    try {
      out[decodeURIComponent(parts[i].substring(0, eq))] =
          decodeURIComponent(parts[i].substring(eq + 1).replace(/\+/g, " "));
    } catch (err) {
    }
  }
  return out;
}

function setParams(changes) {
  var p = getParams();
  for (var k in changes) {
    if (changes[k] === null) {
      delete p[k];
    } else {
      p[k] = changes[k];
    }
  }
  var parts = [];
  for (var key in p) {
    parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(p[key]));
  }
  var url = window.location.pathname + (parts.length ? "?" + parts.join("&") : "");
  try {
    history.replaceState(null, "", url);
  } catch (err) {
    // Some viewers (file: URLs in some browsers) refuse; state stays local.
  }
}

// Labels: as many characters as fit at fontsize*fontwidth pixels each,
// shortened with ".." at the end (or the start with data-keep-end).
function fitLabel(f, width) {
  var chars = Math.floor(width / (fg.fontsize * fg.fontwidth));
  var label = "";
  if (chars >= 3) {
    var cps = Array.from(f.name);
    if (cps.length <= chars) {
      label = f.name;
    } else if (fg.keepEnd) {
      label = ".." + cps.slice(cps.length - (chars - 2)).join("");
    } else {
      label = cps.slice(0, chars - 2).join("") + "..";
    }
  }
  if (!f.text) {
    if (label === "") return;
    f.text = document.createElementNS("http://www.w3.org/2000/svg", "text");
    f.text.setAttribute("y", f.rect.getAttribute("y") * 1 +
                                 f.rect.getAttribute("height") / 2 + 3);
    f.g.appendChild(f.text);
  }
  f.text.setAttribute("x", (parseFloat(f.rect.getAttribute("x")) + 3).toFixed(2));
  f.text.textContent = label;
}

function place(f, x, w) {
  f.rect.setAttribute("x", x.toFixed(1));
  f.rect.setAttribute("width", w.toFixed(1));
  fitLabel(f, w);
}

// Whether b lies inside a's span (b's centre within a), and a is higher
// up the stack. Centres avoid trouble with widths rounded to 0.1 px.
function inside(a, b) {
  var c = b.x + b.w / 2;
  return c > a.x && c < a.x + a.w;
}
function deeper(a, b) {
  // Root at the bottom: deeper frames have smaller y (icicles: larger).
  return fg.icicle ? b.y > a.y : b.y < a.y;
}

function zoom(target) {
  var full = fg.width - 2 * fg.xpad;
  var scale = full / target.w;
  for (var i = 0; i < fg.frames.length; i++) {
    var f = fg.frames[i];
    var cls = f.g.classList;
    if (f === target || (deeper(target, f) && inside(target, f))) {
      cls.remove("hide");
      cls.remove("parent");
      place(f, fg.xpad + (f.x - target.x) * scale, f.w * scale);
    } else if (deeper(f, target) && inside(f, target)) {
      cls.remove("hide");
      cls.add("parent");
      place(f, fg.xpad, full);
    } else {
      cls.add("hide");
      cls.remove("parent");
    }
  }
  var isRoot = target.w >= full - 0.05;
  fg.zoomed = isRoot ? null : target;
  if (isRoot) {
    fg.unzoom.classList.add("hide");
    setParams({x: null, y: null});
  } else {
    fg.unzoom.classList.remove("hide");
    setParams({x: target.ax, y: target.ay});
  }
}

function unzoom() {
  for (var i = 0; i < fg.frames.length; i++) {
    var f = fg.frames[i];
    f.g.classList.remove("hide");
    f.g.classList.remove("parent");
    place(f, f.x, f.w);
  }
  fg.zoomed = null;
  fg.unzoom.classList.add("hide");
  setParams({x: null, y: null});
}

function askSearch() {
  var term = window.prompt("Search for (regular expression):", fg.term || "");
  if (term !== null && term !== "") search(term);
}

function toggleIgnoreCase() {
  fg.ignoreCase = !fg.ignoreCase;
  if (fg.ignoreCase) {
    fg.ignorecase.classList.add("show");
  } else {
    fg.ignorecase.classList.remove("show");
  }
  if (fg.term !== null) search(fg.term);
}

function resetSearch() {
  for (var i = 0; i < fg.frames.length; i++) {
    fg.frames[i].rect.setAttribute("fill", fg.frames[i].fill);
  }
  fg.term = null;
  fg.search.classList.remove("show");
  setText(fg.search, "Search");
  fg.matched.classList.add("hide");
  setText(fg.matched, " ");
  setParams({s: null});
}

// Highlights frames whose name matches and reports the share of all
// samples under at least one match: the union of the matching frames'
// spans, so a match nested in another match is not counted twice.
function search(term) {
  var re;
  try {
    re = new RegExp(term, fg.ignoreCase ? "i" : "");
  } catch (err) {
    fg.matched.classList.remove("hide");
    setText(fg.matched, "Invalid regular expression");
    return;
  }
  var spans = [];
  for (var i = 0; i < fg.frames.length; i++) {
    var f = fg.frames[i];
    if (re.test(f.name)) {
      f.rect.setAttribute("fill", fg.searchColor);
      spans.push([f.x, f.x + f.w]);
    } else {
      f.rect.setAttribute("fill", f.fill);
    }
  }
  spans.sort(function(a, b) { return a[0] - b[0]; });
  var covered = 0, end = -Infinity;
  for (var k = 0; k < spans.length; k++) {
    var s = spans[k];
    if (s[0] >= end) {
      covered += s[1] - s[0];
      end = s[1];
    } else if (s[1] > end) {
      covered += s[1] - end;
      end = s[1];
    }
  }
  var pct = 100 * covered / (fg.width - 2 * fg.xpad);
  fg.term = term;
  fg.search.classList.add("show");
  setText(fg.search, "Reset Search");
  fg.matched.classList.remove("hide");
  setText(fg.matched, "Matched: " + pct.toFixed(1) + "%");
  setParams({s: term});
}
