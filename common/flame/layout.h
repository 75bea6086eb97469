#ifndef COMMON_FLAME_LAYOUT_H_
#define COMMON_FLAME_LAYOUT_H_

#include <cstdint>
#include <vector>

#include "common/flame/frame_tree.h"

namespace flame {

// Which count sets a frame's width in a differential graph.
enum class DiffWidths {
  kAfter,   // the AFTER profile (flamegraph.pl); vanished work is listed in
            // the parent's tooltip
  kBefore,  // the BEFORE profile; new work is listed instead
  kMax,     // per stack the larger of the two, so both new and vanished
            // stacks get a box
};

// What decides which frames are drawn and how wide.
struct LayoutOptions {
  double image_width = 1200;
  double xpad = 10;
  // Frames narrower than this many pixels are not drawn ...
  double min_width_px = 0.1;
  // ... or, when > 0, narrower than this percentage of the total.
  double min_width_percent = 0;
  // At most this many frames are drawn; the minimum width is raised until
  // they fit. 0 means no limit.
  uint64_t max_frames = 0;
  bool differential = false;
  // Single counts are signed deltas (heapdiff --folded): a positive delta
  // is AFTER work, a negative one BEFORE work.
  bool deltas = false;
  DiffWidths diff_widths = DiffWidths::kAfter;
  // Count that spans the full width (--total); 0 = the sum of the input.
  double total = 0;
};

// One frame to draw. Positions and widths are in count units; the writer
// scales them to pixels.
struct LaidFrame {
  uint32_t node;
  uint32_t depth;
  double x;
  double width;
  double after;  // inclusive counts
  double before;
  // Differential: this frame's own change (self after - self before) plus
  // the change of the children that are not drawn, so that work too
  // narrow to see still colours the frame it is hidden in.
  double self_delta = 0;
  // Children too narrow to draw: how many frames (whole subtrees) and how
  // much of this frame's width they hold, so it is not mistaken for self.
  uint64_t hidden_frames = 0;
  double hidden_width = 0;
  // Differential: child frames with zero width because they are absent
  // from the profile that sets widths (vanished work with widths from
  // AFTER, new work with widths from BEFORE), and their count in the other
  // profile, so they stay visible in the parent's tooltip.
  uint64_t absent_frames = 0;
  double absent_other = 0;
  uint32_t absent_largest = 0;  // node of the biggest one; 0 = none
  double absent_largest_other = 0;
};

// The result of layout: frames by depth, then left to right (siblings in
// name order, or input order for flame charts).
struct Layout {
  std::vector<LaidFrame> frames;
  double total = 0;        // count that spans the full width
  double input_total = 0;  // sum of widths of all stacks
  uint32_t max_depth = 0;
  // The minimum width actually used, in count units, and how many frames
  // --max-frames removed on top of --minwidth.
  double min_width = 0;
  uint64_t frames_over_min_width = 0;
  bool raised_min_width = false;
};

// Turns the tree's self counts into inclusive ones (in place) and lays out
// the frames that are wide enough. Call once per tree.
Layout ComputeLayout(FrameTree* tree, const LayoutOptions& options);

}  // namespace flame

#endif  // COMMON_FLAME_LAYOUT_H_
