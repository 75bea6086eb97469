#ifndef COMMON_FLAME_OPTIONS_H_
#define COMMON_FLAME_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/flame/folded_input.h"
#include "common/flame/frame_tree.h"
#include "common/flame/layout.h"
#include "common/flame/svg_writer.h"

namespace flame {

// flamesvg's command line as given, before any checking: names and
// defaults follow flamegraph.pl (README "flamesvg").
struct Flags {
  std::string title;
  std::string subtitle;
  std::string minwidth = "0.1";  // px, or "N%" of the total
  std::string fonttype = "Verdana";
  std::string countname = "samples";
  std::string nametype = "Function:";
  std::string colors = "hot";
  std::string bgcolors;  // empty: by palette
  std::string notes;
  std::string search_color = "rgb(230,0,230)";
  std::string diff_widths;  // empty: max for every differential graph
  std::string diff_color = "self";
  std::string palette_file = "palette.map";
  double width = 1200;
  double height = 16;
  double fontsize = 12;
  double fontwidth = 0.59;
  double factor = 1;
  double total = 0;
  uint64_t max_frames = 20000;
  bool consistent_palette = false;  // --cp
  bool colors_given = false;        // --colors typed, not its default
  bool reverse = false;
  bool inverted = false;
  bool flamechart = false;
  bool diff = false;
  bool negate = false;
  bool truncate_text_right = false;
  bool truncate_text_left = false;
  bool strict = false;
};

// Everything that decides the graph, for every stage: reading, the tree,
// layout and the writer. Settings that two stages share (width,
// flamechart, differential, diff widths) are set here once and copied to
// both, so the stages cannot disagree.
struct FlameOptions {
  InputOptions input;
  TreeOptions tree;
  LayoutOptions layout;
  SvgOptions svg;
  bool diff_flag = false;     // --diff
  bool widths_given = false;  // --diff-widths
  bool consistent_palette = false;
  std::string palette_file;
};

// Checks `flags` for `num_inputs` input files and resolves them into *out.
// Returns the usage error, or an empty string when they are fine.
std::string ResolveFlags(const Flags& flags, size_t num_inputs,
                         FlameOptions* out);

// Whether the graph is differential, and how, once the input is read: a
// --diff BEFORE AFTER pair or "stack BEFORE AFTER" lines draw before
// against after; signed single counts, or --diff on one input, are deltas.
// Widths default to the larger side (--diff-widths max), so work that
// vanished is drawn too.
void ResolveDiffMode(const InputStats& stats, FlameOptions* options);

}  // namespace flame

#endif  // COMMON_FLAME_OPTIONS_H_
