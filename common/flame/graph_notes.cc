#include "common/flame/graph_notes.h"

#include <cmath>
#include <cstdio>

namespace flame {

std::string NoGraphReason(const InputStats& stats, const Layout& layout) {
  if (stats.lines == 0) return "no valid input";
  if (std::isfinite(layout.input_total)) {
    return "no valid input (all counts are zero)";
  }
  return "no valid input (the counts add up to more than a double holds)";
}

bool TotalTooSmall(const Layout& layout, const LayoutOptions& options) {
  return options.total > 0 && options.total < layout.input_total;
}

std::vector<std::string> GraphWarnings(const Flags& flags,
                                       const InputStats& stats,
                                       const FlameOptions& options,
                                       const Layout& layout) {
  std::vector<std::string> out;
  if (flags.colors_given && options.svg.differential) {
    out.push_back("--colors " + flags.colors +
                  " is not used in a differential graph: red and blue show "
                  "the change (draw one profile without --diff for its "
                  "colours)");
  }
  if (options.diff_flag && !options.input.diff_pair && !stats.pairs &&
      !stats.signed_count) {
    out.push_back(
        "--diff with one input of plain counts: each count is read as a "
        "delta (growth); for a comparison give BEFORE and AFTER files "
        "(--diff BEFORE AFTER) or \"stack BEFORE AFTER\" lines");
  }
  if (TotalTooSmall(layout, options.layout)) {
    out.push_back(
        "--total is smaller than the input's total; using the "
        "input's");
  }
  return out;
}

std::string MaxFramesNote(const Layout& layout, const LayoutOptions& options) {
  const double px = layout.min_width *
                    (options.image_width - 2 * options.xpad) / layout.total;
  char px_text[32];
  std::snprintf(px_text, sizeof(px_text), "%.3g", px);
  return "note: " + std::to_string(layout.frames_over_min_width) +
         " frames are wider than --minwidth; drawing " +
         std::to_string(layout.frames.size()) + " (--max-frames " +
         std::to_string(options.max_frames) + "), those wider than " + px_text +
         " px; hidden work is listed in parent tooltips";
}

}  // namespace flame
