#ifndef COMMON_FLAME_SVG_WRITER_H_
#define COMMON_FLAME_SVG_WRITER_H_

#include <string>
#include <string_view>

#include "common/flame/count_units.h"
#include "common/flame/frame_tree.h"
#include "common/flame/layout.h"
#include "common/flame/palette.h"
#include "common/io/output_buffer.h"

namespace flame {

// What a differential frame's colour shows (--diff-color).
enum class DiffColoring {
  kSelf,   // its own change, as flamegraph.pl: only the frames that grew
           // are red, the path to them stays neutral
  kTotal,  // the change of its whole subtree
};

// How the SVG looks; names and defaults follow flamegraph.pl.
struct SvgOptions {
  std::string title;  // empty: "Flame Graph" / "Icicle Graph" / ...
  std::string subtitle;
  std::string countname = "samples";
  CountUnit unit = CountUnit::kPlain;  // from countname: human units
  std::string nametype = "Function:";
  std::string fonttype = "Verdana";  // must pass ValidFontName
  std::string notes;
  double width = 1200;
  double frame_height = 16;
  double fontsize = 12;
  double fontwidth = 0.59;
  Palette palette = Palette::kHot;
  std::string bgcolor1 = "#eeeeee";  // must pass ValidColor
  std::string bgcolor2 = "#eeeeb0";
  std::string search_color = "rgb(230,0,230)";
  bool inverted = false;        // icicle: root at the top
  bool flamechart = false;      // only changes the default title
  bool keep_label_end = false;  // labels keep the end of long names
  bool differential = false;
  DiffWidths diff_widths = DiffWidths::kAfter;
  bool negate = false;  // differential: swap red and blue
  DiffColoring diff_coloring = DiffColoring::kSelf;
  ConsistentPalette* consistent = nullptr;  // --cp
};

// The left/right margin, as in flamegraph.pl.
constexpr double kXPad = 10;

// True for colours the writer accepts verbatim: "#rgb", "#rrggbb",
// "rgb(r,g,b)" or a plain colour name ("magenta").
bool ValidColor(std::string_view color);
// True for font names that are safe inside the stylesheet.
bool ValidFontName(std::string_view font);

// Renders the whole flame graph.
std::string RenderSvg(const FrameTree& tree, const Layout& layout,
                      const SvgOptions& options);
// The same bytes written to *out a block at a time (memory stays at a
// block, not the whole SVG).
void WriteSvg(const FrameTree& tree, const Layout& layout,
              const SvgOptions& options, io::OutputBuffer* out);

// A small valid SVG that shows `message` (e.g. no valid input).
std::string RenderMessageSvg(const SvgOptions& options,
                             std::string_view message);

// "1,234,567" for integral values, "12.5" otherwise (tooltips).
std::string FormatCount(double value);

// A count as the tooltips show it: "1.52 MiB" / "5.16 s" for bytes and
// time (options.unit), else "1,234 samples" with the count name. Not
// escaped.
std::string FormatValue(double value, const SvgOptions& options);

// The line under the title: the user's --subtitle and, for a differential
// graph, what its colours and widths show.
std::string Subtitle(const SvgOptions& options);

}  // namespace flame

#endif  // COMMON_FLAME_SVG_WRITER_H_
