#include "common/flame/frame_tree.h"

#include <algorithm>
#include <cstring>

namespace flame {
namespace {

// Length of the common prefix of a and b.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i + 8 <= n) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return i + __builtin_ctzll(x ^ y) / 8;
    i += 8;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

uint64_t ChildKey(uint32_t parent, uint32_t name) {
  return static_cast<uint64_t>(parent) << 32 | name;
}

}  // namespace

FrameTree::FrameTree(TreeOptions options) : options_(options) {
  nodes_.push_back(FrameNode{0, symbols_.Intern("all"), 0, 0});
  path_.push_back(0);
}

std::string FrameTree::Path(uint32_t node) const {
  const std::vector<FrameNode>& nodes = this->nodes();
  std::vector<uint32_t> chain;
  for (uint32_t n = node; n != 0; n = nodes[n].parent) chain.push_back(n);
  std::string out;
  for (size_t i = chain.size(); i-- > 0;) {
    out.append(Name(chain[i]));
    if (i > 0) out.push_back(';');
  }
  return out;
}

void FrameTree::FinishAdding() {
  ResolvePending();
  children_.Release();
  prev_.clear();
  prev_.shrink_to_fit();
}

void FrameTree::AddStack(std::string_view stack, double before, double after) {
  const uint32_t first_id = static_cast<uint32_t>(ids_.size());
  const uint32_t keep =
      options_.reverse ? SplitReversed(stack) : SplitNew(stack);
  const uint32_t frames = static_cast<uint32_t>(
      options_.reverse ? prev_ids_.size() : prev_ends_.size());
  pending_.push_back(Pending{keep, frames, first_id, before, after});
  if (pending_.size() >= kBatchStacks || ids_.size() >= kBatchIds) Resolve();
}

// Frames shared with the previous stack are found by text; the names of
// the others are interned and queued. Returns how many are shared.
uint32_t FrameTree::SplitNew(std::string_view stack) {
  const size_t common = CommonPrefix(stack, prev_);
  size_t keep = 0;
  while (keep < prev_ends_.size()) {
    const size_t end = prev_ends_[keep];
    if (end > common) break;
    if (end == common && end != stack.size() && stack[end] != ';') break;
    ++keep;
  }
  prev_ends_.resize(keep);
  size_t pos = keep == 0 ? 0 : prev_ends_[keep - 1] + 1;
  if (keep == 0 || prev_ends_[keep - 1] < stack.size()) {
    for (;;) {
      const void* semi =
          std::memchr(stack.data() + pos, ';', stack.size() - pos);
      const size_t end =
          semi ? static_cast<const char*>(semi) - stack.data() : stack.size();
      ids_.push_back(symbols_.Intern(stack.substr(pos, end - pos)));
      prev_ends_.push_back(static_cast<uint32_t>(end));
      if (!semi) break;
      pos = end + 1;
    }
  }
  prev_.assign(stack);
  return static_cast<uint32_t>(keep);
}

// Leaf first: every name is interned, and frames are shared by id.
uint32_t FrameTree::SplitReversed(std::string_view stack) {
  scratch_ids_.clear();
  for (size_t pos = 0;;) {
    const size_t semi = stack.find(';', pos);
    const size_t end = semi == std::string_view::npos ? stack.size() : semi;
    scratch_ids_.push_back(symbols_.Intern(stack.substr(pos, end - pos)));
    if (semi == std::string_view::npos) break;
    pos = end + 1;
  }
  std::reverse(scratch_ids_.begin(), scratch_ids_.end());
  size_t keep = 0;
  while (keep < scratch_ids_.size() && keep < prev_ids_.size() &&
         scratch_ids_[keep] == prev_ids_[keep]) {
    ++keep;
  }
  ids_.insert(ids_.end(), scratch_ids_.begin() + keep, scratch_ids_.end());
  prev_ids_.swap(scratch_ids_);
  return static_cast<uint32_t>(keep);
}

uint32_t FrameTree::Child(uint32_t parent, uint32_t name, uint64_t hash) const {
  const uint32_t next = static_cast<uint32_t>(nodes_.size());
  bool inserted = true;
  // A flame chart never merges with earlier lines: every frame past the
  // prefix shared with the previous stack is a new box.
  const uint32_t id = options_.flamechart
                          ? next
                          : children_.FindOrInsert(ChildKey(parent, name), hash,
                                                   next, &inserted);
  if (inserted) nodes_.push_back(FrameNode{parent, name, 0, 0});
  return id;
}

// Every queued stack, one depth at a time. Stack j's frame at depth d is
// the previous stack's node when d <= keep, else the child named by its
// id. Nodes are created in the same order for siblings as one stack at a
// time would create them, so sums and ties come out the same.
void FrameTree::Resolve() const {
  const size_t n = pending_.size();
  uint32_t shared = pending_[0].keep;  // depths every queued stack shares
  for (const Pending& p : pending_) shared = std::min(shared, p.keep);
  at_.assign(n, path_[shared]);
  hashes_.resize(n);
  active_.clear();
  for (uint32_t j = 0; j < n; ++j) active_.push_back(j);
  tail_.clear();
  for (uint32_t depth = shared + 1;; ++depth) {
    size_t kept = 0;
    for (uint32_t j : active_) {
      if (pending_[j].frames >= depth) active_[kept++] = j;
    }
    active_.resize(kept);
    if (active_.empty()) break;
    ResolveDepth(depth);
  }
  path_.resize(shared + 1);
  path_.insert(path_.end(), tail_.begin(), tail_.end());
  for (uint32_t j = 0; j < n; ++j) {
    FrameNode& leaf = nodes_[at_[j]];
    leaf.before += pending_[j].before;
    leaf.after += pending_[j].after;
  }
  pending_.clear();
  ids_.clear();
}

// The active stacks' nodes at `depth`: first every lookup's hash, so their
// slots load in parallel, then the lookups in stack order.
void FrameTree::ResolveDepth(uint32_t depth) const {
  auto name_at = [&](const Pending& p) {
    return ids_[p.first_id + (depth - p.keep - 1)];
  };
  if (!options_.flamechart) {
    for (uint32_t j : active_) {
      const Pending& p = pending_[j];
      if (depth <= p.keep) continue;
      hashes_[j] = stack::IntKeyTable::Hash(ChildKey(at_[j], name_at(p)));
      children_.Prefetch(hashes_[j]);
    }
  }
  for (uint32_t j : active_) {
    const Pending& p = pending_[j];
    if (depth <= p.keep) {
      at_[j] = j == 0 ? path_[depth] : at_[j - 1];
    } else {
      at_[j] = Child(at_[j], name_at(p), hashes_[j]);
    }
  }
  const uint32_t last = static_cast<uint32_t>(pending_.size() - 1);
  if (active_.back() == last) tail_.push_back(at_[last]);
}

}  // namespace flame
