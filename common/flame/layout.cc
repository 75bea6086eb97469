#include "common/flame/layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <utility>

namespace flame {
namespace {

// Rank of every symbol id in byte order of the names, so siblings can be
// sorted by integer keys.
std::vector<uint32_t> NameRanks(const stack::SymbolTable& symbols) {
  std::vector<uint32_t> ids(symbols.size());
  std::iota(ids.begin(), ids.end(), 0);
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
    return symbols.Name(a) < symbols.Name(b);
  });
  std::vector<uint32_t> rank(ids.size());
  for (uint32_t r = 0; r < ids.size(); ++r) rank[ids[r]] = r;
  return rank;
}

}  // namespace

Layout ComputeLayout(FrameTree* tree, const LayoutOptions& options) {
  std::vector<FrameNode>& nodes = tree->mutable_nodes();
  const size_t n = nodes.size();
  Layout layout;

  // Self counts -> self widths.
  std::vector<double> width(n);
  for (size_t i = 0; i < n; ++i) {
    FrameNode& node = nodes[i];
    if (options.deltas && node.after < 0) {
      node.before -= node.after;
      node.after = 0;
    }
    if (!options.differential) {
      width[i] = node.after;
    } else if (options.diff_widths == DiffWidths::kAfter) {
      width[i] = node.after;
    } else if (options.diff_widths == DiffWidths::kBefore) {
      width[i] = node.before;
    } else {
      width[i] = std::max(node.after, node.before);
    }
    if (width[i] < 0) width[i] = 0;
  }
  // Bottom-up sums: children have larger ids than their parents.
  std::vector<uint32_t> subtree(n, 1);
  for (size_t i = n; i-- > 1;) {
    const uint32_t p = nodes[i].parent;
    nodes[p].after += nodes[i].after;
    nodes[p].before += nodes[i].before;
    width[p] += width[i];
    subtree[p] += subtree[i];
  }
  layout.input_total = width[0];
  layout.total = std::max(width[0], options.total);
  // Nothing to draw, or counts so large that their sum overflowed.
  if (!(layout.total > 0) || !std::isfinite(layout.total)) return layout;

  const double px_per_unit =
      (options.image_width - 2 * options.xpad) / layout.total;
  double min_width = options.min_width_percent > 0
                         ? options.min_width_percent / 100 * layout.total
                         : options.min_width_px / px_per_unit;
  // frame_of[i]: index + 1 of node i's frame; 0 = not drawn.
  std::vector<uint32_t> frame_of(n, 0);
  auto wide_enough = [&](size_t i, double limit, bool strict) {
    return width[i] > 0 && (strict ? width[i] > limit : width[i] >= limit);
  };
  uint64_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if ((i == 0 || frame_of[nodes[i].parent]) &&
        wide_enough(i, min_width, false)) {
      frame_of[i] = 1;
      ++kept;
    }
  }
  layout.frames_over_min_width = kept;
  if (options.max_frames > 0 && kept > options.max_frames) {
    // Widths only shrink towards the leaves, so keeping the max_frames
    // widest frames keeps a connected tree. Frames tied at the cut (a deep
    // chain of equal widths) fill what is left of the budget shallowest
    // first, so a deep stack is cut at depth instead of vanishing.
    std::vector<double> widths;
    widths.reserve(kept);
    for (size_t i = 0; i < n; ++i) {
      if (frame_of[i]) widths.push_back(width[i]);
    }
    std::nth_element(widths.begin(), widths.begin() + options.max_frames,
                     widths.end(), std::greater<double>());
    min_width = widths[options.max_frames];
    layout.raised_min_width = true;
    std::vector<uint32_t> ties;
    uint64_t budget = options.max_frames;
    for (size_t i = 0; i < n; ++i) {
      if (!frame_of[i]) continue;
      if (width[i] == min_width) ties.push_back(static_cast<uint32_t>(i));
      if ((i == 0 || frame_of[nodes[i].parent]) &&
          wide_enough(i, min_width, true)) {
        --budget;
      } else {
        frame_of[i] = 0;
      }
    }
    std::stable_sort(ties.begin(), ties.end(), [&](uint32_t a, uint32_t b) {
      return nodes[a].depth < nodes[b].depth;
    });
    for (uint32_t t : ties) {
      if (budget == 0) break;
      if (t == 0 || frame_of[nodes[t].parent]) {
        frame_of[t] = 1;
        --budget;
      }
    }
  }
  layout.min_width = min_width;

  // Children of drawn frames, drawn or not, in sibling order.
  const bool by_name = !tree->options().flamechart;
  std::vector<uint32_t> rank;
  if (by_name) rank = NameRanks(tree->symbols());
  std::vector<std::pair<uint64_t, uint32_t>> kids;
  for (uint32_t i = 1; i < n; ++i) {
    const uint32_t p = nodes[i].parent;
    if (!frame_of[p]) continue;
    const uint64_t order = by_name ? rank[nodes[i].name] : i;
    kids.emplace_back(static_cast<uint64_t>(p) << 32 | order, i);
  }
  std::sort(kids.begin(), kids.end());

  auto add_frame = [&](uint32_t node, double x) {
    LaidFrame f;
    f.node = node;
    f.depth = nodes[node].depth;
    f.x = x;
    f.width = width[node];
    f.after = nodes[node].after;
    f.before = nodes[node].before;
    layout.frames.push_back(f);
    frame_of[node] = static_cast<uint32_t>(layout.frames.size());
    layout.max_depth = std::max(layout.max_depth, f.depth);
  };
  add_frame(0, 0);
  uint32_t current_parent = UINT32_MAX;
  double cursor = 0;
  for (size_t k = 0; k < kids.size(); ++k) {
    const uint32_t node = kids[k].second;
    const uint32_t p = static_cast<uint32_t>(kids[k].first >> 32);
    if (p != current_parent) {
      // Like flamegraph.pl, a frame's self time comes first (a line
      // "a;b N" sorts before "a;b;c N"), its children after it.
      current_parent = p;
      double children = 0;
      for (size_t j = k; j < kids.size() && (kids[j].first >> 32) == p; ++j) {
        children += width[kids[j].second];
      }
      const LaidFrame& parent = layout.frames[frame_of[p] - 1];
      cursor = parent.x + (parent.width - children);
    }
    if (frame_of[node]) {
      add_frame(node, cursor);
    } else if (width[node] > 0) {
      LaidFrame& parent = layout.frames[frame_of[p] - 1];
      parent.hidden_frames += subtree[node];
      parent.hidden_width += width[node];
    } else if (options.differential) {
      // Zero width but present in the other profile: vanished (widths from
      // AFTER) or new (widths from BEFORE) work, listed in the parent.
      const double other = options.diff_widths == DiffWidths::kBefore
                               ? nodes[node].after
                               : nodes[node].before;
      if (other > 0) {
        LaidFrame& parent = layout.frames[frame_of[p] - 1];
        parent.absent_frames += subtree[node];
        parent.absent_other += other;
        if (other > parent.absent_largest_other) {
          parent.absent_largest_other = other;
          parent.absent_largest = node;
        }
      }
    }
    cursor += width[node];
  }
  // Node ids depend on input order; (depth, x) does not, so the same
  // stacks in any order give the same bytes.
  std::sort(layout.frames.begin(), layout.frames.end(),
            [](const LaidFrame& a, const LaidFrame& b) {
              return a.depth != b.depth ? a.depth < b.depth : a.x < b.x;
            });
  return layout;
}

}  // namespace flame
