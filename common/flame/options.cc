#include "common/flame/options.h"

#include <cmath>
#include <string_view>

#include "common/flame/palette.h"
#include "common/stack/folded_text.h"

namespace flame {
namespace {

// flamegraph.pl's --bgcolors names: the gradient's top and bottom.
struct Background {
  std::string_view name, top, bottom;
};
constexpr Background kBackgrounds[] = {
    {"yellow", "#eeeeee", "#eeeeb0"}, {"blue", "#eeeeee", "#e0e0ff"},
    {"green", "#eef2ee", "#e0ffe0"},  {"grey", "#f8f8f8", "#e8e8e8"},
    {"gray", "#f8f8f8", "#e8e8e8"},
};

bool Positive(double v) { return std::isfinite(v) && v > 0; }

std::string CheckSizes(const Flags& f) {
  if (!Positive(f.width) || f.width <= 2 * kXPad + 1) {
    return "--width must be more than 21 px";
  }
  if (!Positive(f.height)) return "--height must be positive";
  if (!Positive(f.fontsize) || !Positive(f.fontwidth)) {
    return "--fontsize and --fontwidth must be positive";
  }
  if (!Positive(f.factor)) return "--factor must be positive";
  if (!std::isfinite(f.total) || f.total < 0) {
    return "--total must be a positive count";
  }
  return "";
}

bool ParseMinWidth(const std::string& text, LayoutOptions* layout) {
  std::string_view number = text;
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.remove_suffix(1);
  double v = 0;
  if (!stack::ParseCount(number, &v) || v < 0) return false;
  if (percent) {
    layout->min_width_percent = v;
  } else {
    layout->min_width_px = v;
  }
  return true;
}

// Like flamegraph.pl, the memory and I/O palettes default to a blue
// background, the others to yellow.
bool SetBackground(std::string_view name, SvgOptions* svg) {
  if (name.empty()) {
    const bool blue = svg->palette == Palette::kMem ||
                      svg->palette == Palette::kIo ||
                      svg->palette == Palette::kWakeup;
    name = blue ? "blue" : "yellow";
  }
  for (const Background& b : kBackgrounds) {
    if (b.name == name) {
      svg->bgcolor1 = b.top;
      svg->bgcolor2 = b.bottom;
      return true;
    }
  }
  if (!ValidColor(name)) return false;
  svg->bgcolor1 = name;
  svg->bgcolor2 = name;
  return true;
}

// The flags that only change how the SVG looks.
std::string ResolveStyle(const Flags& f, SvgOptions* svg) {
  if (!ParsePalette(f.colors, &svg->palette)) {
    return "unknown palette '" + f.colors + "' for --colors";
  }
  if (!ValidFontName(f.fonttype)) {
    return "--fonttype may hold letters, digits, spaces and , - _ . only";
  }
  if (!ValidColor(f.search_color)) {
    return "--search-color wants #rrggbb, rgb(r,g,b) or a colour name";
  }
  if (!SetBackground(f.bgcolors, svg)) {
    return "--bgcolors wants yellow, blue, green, grey or #rrggbb, not '" +
           f.bgcolors + "'";
  }
  if (f.truncate_text_right && f.truncate_text_left) {
    return "--truncate-text-right and --truncate-text-left exclude each "
           "other";
  }
  svg->title = f.title;
  svg->subtitle = f.subtitle;
  svg->countname = f.countname;
  svg->unit = ParseCountUnit(f.countname);
  svg->nametype = f.nametype;
  svg->fonttype = f.fonttype;
  svg->notes = f.notes;
  svg->frame_height = f.height;
  svg->fontsize = f.fontsize;
  svg->fontwidth = f.fontwidth;
  svg->search_color = f.search_color;
  svg->inverted = f.inverted;
  svg->keep_label_end = f.truncate_text_left;
  svg->negate = f.negate;
  return "";
}

std::string ResolveDiffFlags(const Flags& f, size_t num_inputs,
                             FlameOptions* out) {
  if (f.diff && num_inputs > 2) {
    return "--diff takes BEFORE and AFTER (two files), or one differential "
           "input";
  }
  out->diff_flag = f.diff;
  out->input.diff_pair = f.diff && num_inputs == 2;
  out->widths_given = !f.diff_widths.empty();
  DiffWidths widths = DiffWidths::kAfter;
  if (f.diff_widths == "before") {
    widths = DiffWidths::kBefore;
  } else if (f.diff_widths == "max") {
    widths = DiffWidths::kMax;
  } else if (out->widths_given && f.diff_widths != "after") {
    return "--diff-widths wants after, before or max";
  }
  out->layout.diff_widths = widths;
  out->svg.diff_widths = widths;
  if (f.diff_color == "self") {
    out->svg.diff_coloring = DiffColoring::kSelf;
  } else if (f.diff_color == "total") {
    out->svg.diff_coloring = DiffColoring::kTotal;
  } else {
    return "--diff-color wants self or total";
  }
  return "";
}

}  // namespace

std::string ResolveFlags(const Flags& f, size_t num_inputs, FlameOptions* out) {
  std::string error = CheckSizes(f);
  if (!error.empty()) return error;
  if (!ParseMinWidth(f.minwidth, &out->layout)) {
    return "--minwidth wants pixels (0.1) or a percentage (0.5%), not '" +
           f.minwidth + "'";
  }
  error = ResolveStyle(f, &out->svg);
  if (!error.empty()) return error;
  error = ResolveDiffFlags(f, num_inputs, out);
  if (!error.empty()) return error;
  out->input.factor = f.factor;
  out->tree.reverse = f.reverse;
  out->tree.flamechart = f.flamechart;
  out->svg.flamechart = f.flamechart;
  out->svg.width = f.width;
  out->layout.image_width = f.width;
  out->layout.xpad = kXPad;
  out->layout.max_frames = f.max_frames;
  out->layout.total = f.total;
  out->consistent_palette = f.consistent_palette;
  out->palette_file = f.palette_file;
  return "";
}

void ResolveDiffMode(const InputStats& stats, FlameOptions* o) {
  const bool pair = o->input.diff_pair;
  const bool deltas =
      !pair && (stats.signed_count || (o->diff_flag && !stats.pairs));
  const bool differential = pair || o->diff_flag || stats.pairs || deltas;
  if (differential && !o->widths_given) {
    o->layout.diff_widths = DiffWidths::kMax;
    o->svg.diff_widths = DiffWidths::kMax;
  }
  o->layout.differential = differential;
  o->layout.deltas = deltas;
  o->svg.differential = differential;
}

}  // namespace flame
