#ifndef COMMON_FLAME_FRAME_TREE_H_
#define COMMON_FLAME_FRAME_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/stack/int_key_table.h"
#include "common/stack/symbol_table.h"

namespace flame {

// How folded stacks are merged into frames.
struct TreeOptions {
  // Leaf first: each stack is reversed before merging (flamegraph.pl
  // --reverse), so callers of a hot function are merged instead.
  bool reverse = false;
  // Flame chart: a stack merges only with the stack on the line before it,
  // so the x axis keeps input order (time) instead of merging by name.
  bool flamechart = false;
};

// One frame of the call tree: a function at one path from the root. The
// counts are "self" (stacks ending here) while the tree is built; layout
// turns them into inclusive sums. 24 bytes: a big graph has millions of
// nodes (depth is not kept: layout derives it from the parents).
struct FrameNode {
  uint32_t parent;
  uint32_t name;  // symbol id
  double after;   // count of single-count input, or AFTER of a pair
  double before;  // BEFORE of differential input
};

// The call tree of all folded stacks: node 0 is the root ("all"), every
// distinct path from it is one node, so memory grows with distinct frames,
// not input size. Children always get larger ids than their parent, which
// lets later passes run bottom-up or top-down in plain loops (no recursion
// on stack depth).
class FrameTree {
 public:
  explicit FrameTree(TreeOptions options = {});
  FrameTree(const FrameTree&) = delete;
  FrameTree& operator=(const FrameTree&) = delete;

  // Adds "root;...;leaf" with its counts. Consecutive lines usually share a
  // long prefix (sorted folded files), so the shared frames are found by
  // comparing text with the previous stack instead of hashing each name.
  void AddStack(std::string_view stack, double before, double after);

  const std::vector<FrameNode>& nodes() const { return nodes_; }
  std::vector<FrameNode>& mutable_nodes() { return nodes_; }
  const stack::SymbolTable& symbols() const { return symbols_; }
  std::string_view Name(uint32_t node) const {
    return symbols_.Name(nodes_[node].name);
  }
  // "root;...;node" (tests, diagnostics).
  std::string Path(uint32_t node) const;
  const TreeOptions& options() const { return options_; }

  // Frees what only adding stacks needs (the child index); layout calls it,
  // as counts are inclusive from then on and no stack may be added.
  void FinishAdding();

 private:
  uint32_t Child(uint32_t parent, uint32_t name);
  void AddReversed(std::string_view stack, double before, double after);

  TreeOptions options_;
  stack::SymbolTable symbols_;
  std::vector<FrameNode> nodes_;
  // (parent << 32 | name) -> node, the key kept in the table: a big graph
  // has millions of nodes, and a lookup then costs one cache miss.
  stack::IntKeyTable children_;
  // The previous stack: its text, where each of its frames ends in that
  // text, and the node of each frame (path_[0] is the root).
  std::string prev_;
  std::vector<uint32_t> prev_ends_;
  std::vector<uint32_t> path_;
  // Reverse mode works on name ids instead of text.
  std::vector<uint32_t> ids_;
  std::vector<uint32_t> prev_ids_;
};

}  // namespace flame

#endif  // COMMON_FLAME_FRAME_TREE_H_
