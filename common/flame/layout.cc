#include "common/flame/layout.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

namespace flame {
namespace {

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

  // Children of drawn frames, drawn or not, grouped by parent (parents in
  // id order, which puts every parent before its children), siblings in
  // name order, or input order for flame charts. A counting sort by parent:
  // sorted input makes most groups already sorted, so only the rest are
  // sorted by name. Turns frame_of_ into each drawn node's rank (1, 2 ...),
  // fills drawn_ (rank -> node) and group_start_ (rank -> first child).
  void GroupChildren() {
    for (uint32_t i = 0; i < n_; ++i) {
      if (frame_of_[i]) {
        drawn_.push_back(i);
        frame_of_[i] = static_cast<uint32_t>(drawn_.size());
      }
    }
    group_start_.assign(drawn_.size() + 2, 0);
    for (uint32_t i = 1; i < n_; ++i) {
      const uint32_t rank = frame_of_[nodes_[i].parent];
      if (rank) ++group_start_[rank + 1];
    }
    for (size_t r = 1; r < group_start_.size(); ++r) {
      group_start_[r] += group_start_[r - 1];
    }
    children_.resize(group_start_.back());
    std::vector<uint32_t> cursor(group_start_.begin(), group_start_.end() - 1);
    for (uint32_t i = 1; i < n_; ++i) {
      const uint32_t rank = frame_of_[nodes_[i].parent];
      if (rank) children_[cursor[rank]++] = i;
    }
    if (tree_.options().flamechart) return;
    const stack::SymbolTable& symbols = tree_.symbols();
    auto by_name = [&](uint32_t a, uint32_t b) {
      return symbols.Name(nodes_[a].name) < symbols.Name(nodes_[b].name);
    };
    for (size_t r = 1; r + 1 < group_start_.size(); ++r) {
      const auto first = children_.begin() + group_start_[r];
      const auto last = children_.begin() + group_start_[r + 1];
      if (!std::is_sorted(first, last, by_name))
        std::sort(first, last, by_name);
    }
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
    GroupChildren();
    layout_.frames.reserve(drawn_.size());
    AddFrame(0, 0, -1);
    for (size_t r = 1; r <= drawn_.size(); ++r) {
      const uint32_t begin = group_start_[r];
      const uint32_t end = group_start_[r + 1];
      if (begin == end) continue;
      double children = 0;
      for (uint32_t k = begin; k < end; ++k) children += width_[children_[k]];
      // The parent is placed: its own parent's group came first.
      const size_t parent = frame_of_[drawn_[r - 1]] - 1;
      double cursor =
          layout_.frames[parent].x + (layout_.frames[parent].width - children);
      for (uint32_t k = begin; k < end; ++k) {
        const uint32_t node = children_[k];
        if (frame_of_[node]) {
          AddFrame(node, cursor, layout_.frames[parent].depth);
        } else {
          AddUndrawn(node, &layout_.frames[parent]);
        }
        cursor += width_[node];
      }
    }
  }

  FrameTree& tree_;
  PodArray<FrameNode>& nodes_;
  const LayoutOptions& options_;
  const size_t n_;
  Layout layout_;
  std::vector<double> width_;       // per node, inclusive
  std::vector<double> self_delta_;  // differential: after - before of self
  std::vector<uint32_t> subtree_;   // nodes in each node's subtree
  // frame_of_[i]: index + 1 of node i's frame; 0 = not drawn. While
  // selecting, just 1 for "will be drawn"; then the node's rank among the
  // drawn ones until it is placed.
  std::vector<uint32_t> frame_of_;
  std::vector<uint32_t> drawn_;        // rank - 1 -> node
  std::vector<uint32_t> group_start_;  // rank -> its first child in children_
  std::vector<uint32_t> children_;     // children of drawn nodes, grouped
  double min_width_ = 0;               // in count units
};

}  // namespace

Layout ComputeLayout(FrameTree* tree, const LayoutOptions& options) {
  return LayoutBuilder(tree, options).Build();
}

}  // namespace flame
