#ifndef COMMON_FLAME_FRAME_TREE_H_
#define COMMON_FLAME_FRAME_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/flame/name_cache.h"
#include "common/flame/pod_array.h"
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
  // Below this many nodes each stack is resolved at once: the tree is in
  // the caches and queueing only costs; past it, stacks are queued (see
  // FrameTree). Either way the tree is the same (tests set 0).
  size_t direct_nodes = size_t{1} << 16;
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
//
// Stacks are added in batches (see ResolvePending): the accessors resolve
// what is queued first, so callers never see a half-built tree.
class FrameTree {
 public:
  explicit FrameTree(TreeOptions options = {});
  FrameTree(const FrameTree&) = delete;
  FrameTree& operator=(const FrameTree&) = delete;

  // Adds "root;...;leaf" with its counts. Consecutive lines usually share a
  // long prefix (sorted folded files), so the shared frames are found by
  // comparing text with the previous stack instead of hashing each name.
  void AddStack(std::string_view stack, double before, double after);

  const PodArray<FrameNode>& nodes() const {
    ResolvePending();
    return nodes_;
  }
  PodArray<FrameNode>& mutable_nodes() {
    ResolvePending();
    return nodes_;
  }
  const stack::SymbolTable& symbols() const { return symbols_; }
  std::string_view Name(uint32_t node) const {
    return symbols_.Name(nodes()[node].name);
  }
  // "root;...;node" (tests, diagnostics).
  std::string Path(uint32_t node) const;
  const TreeOptions& options() const { return options_; }

  // Resolves what is queued and frees what only adding stacks needs (the
  // child index); layout calls it, as counts are inclusive from then on and
  // no stack may be added.
  void FinishAdding();

 private:
  // A stack whose nodes are not found yet: its first `keep` frames are the
  // previous stack's, the names of the others are ids_[first_id ...].
  struct Pending {
    uint32_t keep;
    uint32_t frames;
    uint32_t first_id;
    double before;
    double after;
  };
  // Lookups of one stack depend on each other (a child needs its parent),
  // so stacks are queued and resolved a depth at a time across the batch:
  // the lookups of one depth are independent and their cache misses
  // overlap (on big graphs each one is a miss).
  static constexpr size_t kBatchStacks = 32;  // at most 64 (a bit mask)
  static constexpr size_t kBatchIds = 1 << 16;

  void ResolveNow(const Pending& p);
  void ResolvePending() const {
    if (!pending_.empty()) Resolve();
  }
  void Resolve() const;
  void ResolveDepth(uint32_t depth, uint64_t active) const;
  void ReplayPending() const;
  void FindSources() const;
  uint32_t Child(uint32_t parent, uint32_t name, uint64_t hash) const;
  uint32_t SplitNew(std::string_view stack);
  uint32_t SplitReversed(std::string_view stack);

  TreeOptions options_;
  stack::SymbolTable symbols_;
  NameCache names_;  // in front of symbols_
  // The queue and what resolving it changes are mutable: resolving is part
  // of adding, finished lazily by the const accessors.
  mutable PodArray<FrameNode> nodes_;
  // (parent << 32 | name) -> node, the key kept in the table: a big graph
  // has millions of nodes, and a lookup then costs one cache miss.
  mutable stack::IntKeyTable children_;
  mutable std::vector<Pending> pending_;
  mutable std::vector<uint32_t> ids_;  // names of the queued new frames
  // While resolving: the node of each queued new frame (parallel to ids_),
  // the queued stacks by the depth of their first new frame, and each
  // stack's parent and hash for its lookup at the current depth.
  mutable std::vector<uint32_t> resolved_;
  mutable std::vector<uint64_t> starts_;
  mutable uint32_t parent_[kBatchStacks];
  mutable uint32_t source_[kBatchStacks];
  mutable uint64_t queued_sources_ = 0;
  mutable uint64_t hashes_[kBatchStacks];
  // The nodes of the last resolved stack (path_[0] is the root).
  mutable std::vector<uint32_t> path_;
  // The last added stack: its text, where each of its frames ends in that
  // text (or, reversed, its name ids).
  std::string prev_;
  std::vector<uint32_t> prev_ends_;
  std::vector<uint32_t> prev_ids_;
  std::vector<uint32_t> scratch_ids_;
};

}  // namespace flame

#endif  // COMMON_FLAME_FRAME_TREE_H_
