#ifndef COMMON_FLAME_GRAPH_NOTES_H_
#define COMMON_FLAME_GRAPH_NOTES_H_

#include <string>
#include <vector>

#include "common/flame/folded_input.h"
#include "common/flame/layout.h"
#include "common/flame/options.h"

namespace flame {

// What flamesvg tells the user about the graph on stderr, beside the SVG.

// Why there is nothing to draw (the layout has no frames): no stacks, only
// zero counts, or counts whose sum is not finite.
std::string NoGraphReason(const InputStats& stats, const Layout& layout);

// True when --total was given but the input adds up to more, so the
// input's total was used instead.
bool TotalTooSmall(const Layout& layout, const LayoutOptions& options);

// The warnings for a graph that will be drawn, each one line without the
// "flamesvg: warning: " prefix:
// - --colors given for a differential graph: the change colours win (red
//   grew, blue shrank; a second hue per frame would not read), so the
//   palette is not used;
// - --diff on one input of plain counts (no "BEFORE AFTER" pair, no signed
//   delta): every count is read as growth, which is rarely what was meant;
// - --total smaller than the input's total.
std::vector<std::string> GraphWarnings(const Flags& flags,
                                       const InputStats& stats,
                                       const FlameOptions& options,
                                       const Layout& layout);

// The note for a layout that --max-frames cut (layout.raised_min_width):
// how many frames were wide enough, how many are drawn, and the width in
// pixels they were cut at.
std::string MaxFramesNote(const Layout& layout, const LayoutOptions& options);

}  // namespace flame

#endif  // COMMON_FLAME_GRAPH_NOTES_H_
