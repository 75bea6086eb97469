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

// The phases of ComputeLayout, in order: SumWidths, SelectFrames,
// RaiseMinWidth (only past --max-frames), PlaceFrames. Every pass is a
// plain loop over node ids: children have larger ids than their parent, so
// no pass recurses on stack depth.
class LayoutBuilder {
 public:
  LayoutBuilder(FrameTree* tree, const LayoutOptions& options)
      : tree_(*tree),
        nodes_(tree->mutable_nodes()),
        options_(options),
        n_(nodes_.size()) {}

  Layout Build() {
    tree_.FinishAdding();
    SumWidths();
    // Nothing to draw, or counts so large that their sum overflowed.
    if (!(layout_.total > 0) || !std::isfinite(layout_.total)) return layout_;
    SelectFrames();
    if (options_.max_frames > 0 &&
        layout_.frames_over_min_width > options_.max_frames) {
      RaiseMinWidth();
    }
    layout_.min_width = min_width_;
    PlaceFrames();
    // Node ids depend on input order; (depth, x) does not, so the same
    // stacks in any order give the same bytes.
    std::sort(layout_.frames.begin(), layout_.frames.end(),
              [](const LaidFrame& a, const LaidFrame& b) {
                return a.depth != b.depth ? a.depth < b.depth : a.x < b.x;
              });
    return layout_;
  }

 private:
  // The count of a node that sets its width.
  double SelfWidth(const FrameNode& node) const {
    double w = node.after;
    if (options_.differential && options_.diff_widths == DiffWidths::kBefore) {
      w = node.before;
    } else if (options_.differential &&
               options_.diff_widths == DiffWidths::kMax) {
      w = std::max(node.after, node.before);
    }
    return w < 0 ? 0 : w;
  }

  // Self counts -> inclusive counts, widths and subtree sizes.
  void SumWidths() {
    width_.resize(n_);
    // Only differential colours need each frame's own change.
    if (options_.differential) self_delta_.resize(n_);
    for (size_t i = 0; i < n_; ++i) {
      FrameNode& node = nodes_[i];
      // A delta (heapdiff --folded) below zero is BEFORE work.
      if (options_.deltas && node.after < 0) {
        node.before -= node.after;
        node.after = 0;
      }
      width_[i] = SelfWidth(node);
      if (options_.differential) self_delta_[i] = node.after - node.before;
    }
    subtree_.assign(n_, 1);
    for (size_t i = n_; i-- > 1;) {
      const uint32_t p = nodes_[i].parent;
      nodes_[p].after += nodes_[i].after;
      nodes_[p].before += nodes_[i].before;
      width_[p] += width_[i];
      subtree_[p] += subtree_[i];
    }
    layout_.input_total = width_[0];
    layout_.total = std::max(width_[0], options_.total);
  }

  bool WideEnough(size_t i, double limit, bool strict) const {
    return width_[i] > 0 && (strict ? width_[i] > limit : width_[i] >= limit);
  }
  bool ParentDrawn(size_t i) const {
    return i == 0 || frame_of_[nodes_[i].parent] != 0;
  }

  // Frames at least --minwidth wide whose parent is drawn too.
  void SelectFrames() {
    const double px_per_unit =
        (options_.image_width - 2 * options_.xpad) / layout_.total;
    min_width_ = options_.min_width_percent > 0
                     ? options_.min_width_percent / 100 * layout_.total
                     : options_.min_width_px / px_per_unit;
    frame_of_.assign(n_, 0);
    uint64_t kept = 0;
    for (size_t i = 0; i < n_; ++i) {
      if (ParentDrawn(i) && WideEnough(i, min_width_, false)) {
        frame_of_[i] = 1;
        ++kept;
      }
    }
    layout_.frames_over_min_width = kept;
  }

  // Widths only shrink towards the leaves, so keeping the max_frames widest
  // frames keeps a connected tree. Frames tied at the cut (a deep chain of
  // equal widths) fill what is left of the budget shallowest first, so a
  // deep stack is cut at depth instead of vanishing.
  void RaiseMinWidth() {
    std::vector<double> widths;
    widths.reserve(layout_.frames_over_min_width);
    for (size_t i = 0; i < n_; ++i) {
      if (frame_of_[i]) widths.push_back(width_[i]);
    }
    std::nth_element(widths.begin(), widths.begin() + options_.max_frames,
                     widths.end(), std::greater<double>());
    min_width_ = widths[options_.max_frames];
    layout_.raised_min_width = true;
    std::vector<uint32_t> ties;
    uint64_t budget = options_.max_frames;
    for (size_t i = 0; i < n_; ++i) {
      if (!frame_of_[i]) continue;
      if (width_[i] == min_width_) ties.push_back(static_cast<uint32_t>(i));
      if (ParentDrawn(i) && WideEnough(i, min_width_, true)) {
        --budget;
      } else {
        frame_of_[i] = 0;
      }
    }
    const std::vector<uint32_t> depth = Depths();
    std::stable_sort(ties.begin(), ties.end(), [&](uint32_t a, uint32_t b) {
      return depth[a] < depth[b];
    });
    for (uint32_t t : ties) {
      if (budget == 0) break;
      if (ParentDrawn(t)) {
        frame_of_[t] = 1;
        --budget;
      }
    }
  }

  // Every node's depth (the root's is 0); parents come before children.
  std::vector<uint32_t> Depths() const {
    std::vector<uint32_t> depth(n_, 0);
    for (size_t i = 1; i < n_; ++i) depth[i] = depth[nodes_[i].parent] + 1;
    return depth;
  }

  // Children of drawn frames, drawn or not, grouped by parent in sibling
  // order: (parent << 32 | order, node).
  std::vector<std::pair<uint64_t, uint32_t>> SortedChildren() const {
    const bool by_name = !tree_.options().flamechart;
    std::vector<uint32_t> rank;
    if (by_name) rank = NameRanks(tree_.symbols());
    std::vector<std::pair<uint64_t, uint32_t>> kids;
    for (uint32_t i = 1; i < n_; ++i) {
      const uint32_t p = nodes_[i].parent;
      if (!frame_of_[p]) continue;
      const uint64_t order = by_name ? rank[nodes_[i].name] : i;
      kids.emplace_back(static_cast<uint64_t>(p) << 32 | order, i);
    }
    std::sort(kids.begin(), kids.end());
    return kids;
  }

  // `parent_depth` is the depth of the parent's frame (-1 for the root).
  void AddFrame(uint32_t node, double x, int64_t parent_depth) {
    LaidFrame f;
    f.node = node;
    f.depth = static_cast<uint32_t>(parent_depth + 1);
    f.x = x;
    f.width = width_[node];
    f.after = nodes_[node].after;
    f.before = nodes_[node].before;
    f.self_delta = options_.differential ? self_delta_[node] : 0;
    layout_.frames.push_back(f);
    frame_of_[node] = static_cast<uint32_t>(layout_.frames.size());
    layout_.max_depth = std::max(layout_.max_depth, f.depth);
  }

  // A child that is not drawn: too narrow (hidden work), or of zero width
  // but present in the other profile: vanished (widths from AFTER) or new
  // (widths from BEFORE) work. Either way the parent's tooltip lists it.
  void AddUndrawn(uint32_t node, LaidFrame* parent) const {
    parent->self_delta += nodes_[node].after - nodes_[node].before;
    if (width_[node] > 0) {
      parent->hidden_frames += subtree_[node];
      parent->hidden_width += width_[node];
      return;
    }
    if (!options_.differential) return;
    const double other = options_.diff_widths == DiffWidths::kBefore
                             ? nodes_[node].after
                             : nodes_[node].before;
    if (!(other > 0)) return;
    parent->absent_frames += subtree_[node];
    parent->absent_other += other;
    if (other > parent->absent_largest_other) {
      parent->absent_largest_other = other;
      parent->absent_largest = node;
    }
  }

  // Positions every drawn frame. Like flamegraph.pl, a frame's self time
  // comes first (a line "a;b N" sorts before "a;b;c N"), its children
  // after it.
  void PlaceFrames() {
    const std::vector<std::pair<uint64_t, uint32_t>> kids = SortedChildren();
    AddFrame(0, 0, -1);
    uint32_t current_parent = UINT32_MAX;
    double cursor = 0;
    for (size_t k = 0; k < kids.size(); ++k) {
      const uint32_t node = kids[k].second;
      const uint32_t p = static_cast<uint32_t>(kids[k].first >> 32);
      if (p != current_parent) {
        current_parent = p;
        double children = 0;
        for (size_t j = k; j < kids.size() && (kids[j].first >> 32) == p; ++j) {
          children += width_[kids[j].second];
        }
        const LaidFrame& parent = layout_.frames[frame_of_[p] - 1];
        cursor = parent.x + (parent.width - children);
      }
      if (frame_of_[node]) {
        AddFrame(node, cursor, layout_.frames[frame_of_[p] - 1].depth);
      } else {
        AddUndrawn(node, &layout_.frames[frame_of_[p] - 1]);
      }
      cursor += width_[node];
    }
  }

  FrameTree& tree_;
  std::vector<FrameNode>& nodes_;
  const LayoutOptions& options_;
  const size_t n_;
  Layout layout_;
  std::vector<double> width_;       // per node, inclusive
  std::vector<double> self_delta_;  // differential: after - before of self
  std::vector<uint32_t> subtree_;   // nodes in each node's subtree
  // frame_of_[i]: index + 1 of node i's frame; 0 = not drawn. While
  // selecting, just 1 for "will be drawn".
  std::vector<uint32_t> frame_of_;
  double min_width_ = 0;  // in count units
};

}  // namespace

Layout ComputeLayout(FrameTree* tree, const LayoutOptions& options) {
  return LayoutBuilder(tree, options).Build();
}

}  // namespace flame
