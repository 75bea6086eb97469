#include "common/flame/frame_tree.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace flame {
namespace {

// Length of the common prefix of a and b: 16 bytes a step where SSE2 is
// there (every x86-64), then 8, then 1.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
#ifdef __SSE2__
  while (i + 16 <= n) {
    const __m128i x =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
    const __m128i y =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
    const unsigned same =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    if (same != 0xffff) return i + __builtin_ctz(~same);
    i += 16;
  }
#endif
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
  const PodArray<FrameNode>& nodes = this->nodes();
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
  const Pending p{keep, frames, first_id, before, after};
  if (pending_.empty() && nodes_.size() < options_.direct_nodes) {
    ResolveNow(p);
    return;
  }
  pending_.push_back(p);
  if (pending_.size() >= kBatchStacks || ids_.size() >= kBatchIds) Resolve();
}

// One stack at once: its new frames hang from the previous stack's path.
void FrameTree::ResolveNow(const Pending& p) {
  path_.resize(p.keep + 1);
  for (size_t k = p.first_id; k < ids_.size(); ++k) {
    const uint32_t parent = path_.back();
    path_.push_back(Child(parent, ids_[k],
                          stack::IntKeyTable::Hash(ChildKey(parent, ids_[k]))));
  }
  FrameNode& leaf = nodes_[path_.back()];
  leaf.before += p.before;
  leaf.after += p.after;
  ids_.clear();
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
      ids_.push_back(names_.Intern(stack.substr(pos, end - pos), &symbols_));
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
    scratch_ids_.push_back(
        names_.Intern(stack.substr(pos, end - pos), &symbols_));
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

// Every queued stack's new frames, one depth at a time: stack j's frames
// below depth keep + 1 are the previous stack's, so at depth d only the
// stacks with a new frame there look one up, and all of those lookups are
// independent. Siblings are created in stack order, as one stack at a time
// would create them, so sums and ties come out the same.
void FrameTree::Resolve() const {
  const uint32_t n = static_cast<uint32_t>(pending_.size());
  resolved_.resize(ids_.size());
  // Stacks by the depth of their first new frame.
  starts_.clear();
  for (uint32_t j = 0; j < n; ++j) {
    if (pending_[j].frames > pending_[j].keep) {
      starts_.push_back(static_cast<uint64_t>(pending_[j].keep + 1) << 32 | j);
    }
  }
  std::sort(starts_.begin(), starts_.end());
  FindSources();
  uint64_t active = 0;  // bit j: stack j has a frame at this depth
  size_t next = 0;
  for (uint32_t depth = 0; next < starts_.size() || active != 0; ++depth) {
    if (active == 0) depth = static_cast<uint32_t>(starts_[next] >> 32);
    while (next < starts_.size() && (starts_[next] >> 32) == depth) {
      active |= uint64_t{1} << (starts_[next++] & 0xffffffff);
    }
    for (uint64_t bits = active; bits != 0; bits &= bits - 1) {
      const uint32_t j = static_cast<uint32_t>(__builtin_ctzll(bits));
      if (pending_[j].frames < depth) active &= ~(uint64_t{1} << j);
    }
    ResolveDepth(depth, active);
  }
  ReplayPending();
}

// Where each queued stack's first new frame hangs: the frame at depth
// keep of the nearest earlier stack that did not share that frame too
// (the previous smaller keep, found with a stack of candidates), or of
// the last resolved stack. Sets source_[j]: a node, or (bit j of
// queued_sources_) the index in resolved_ of a frame resolved at an
// earlier depth.
void FrameTree::FindSources() const {
  queued_sources_ = 0;
  uint32_t open[kBatchStacks];
  size_t top = 0;
  for (uint32_t j = 0; j < pending_.size(); ++j) {
    const Pending& p = pending_[j];
    while (top > 0 && pending_[open[top - 1]].keep >= p.keep) --top;
    if (p.keep == 0) {
      source_[j] = 0;  // the root
    } else if (top == 0) {
      source_[j] = path_[p.keep];
    } else {
      const Pending& src = pending_[open[top - 1]];
      source_[j] = src.first_id + (p.keep - src.keep - 1);
      queued_sources_ |= uint64_t{1} << j;
    }
    open[top++] = j;
  }
}

// The active stacks' frames at `depth`: first every lookup's parent and
// hash, so their slots load in parallel, then the lookups in stack order.
void FrameTree::ResolveDepth(uint32_t depth, uint64_t active) const {
  for (uint64_t bits = active; bits != 0; bits &= bits - 1) {
    const uint32_t j = static_cast<uint32_t>(__builtin_ctzll(bits));
    const Pending& p = pending_[j];
    const uint32_t at = p.first_id + (depth - p.keep - 1);
    if (depth > p.keep + 1) {
      parent_[j] = resolved_[at - 1];
    } else if (queued_sources_ >> j & 1) {
      parent_[j] = resolved_[source_[j]];
    } else {
      parent_[j] = source_[j];
    }
    if (!options_.flamechart) {
      hashes_[j] = stack::IntKeyTable::Hash(ChildKey(parent_[j], ids_[at]));
      children_.Prefetch(hashes_[j]);
    }
  }
  for (uint64_t bits = active; bits != 0; bits &= bits - 1) {
    const uint32_t j = static_cast<uint32_t>(__builtin_ctzll(bits));
    const Pending& p = pending_[j];
    const uint32_t at = p.first_id + (depth - p.keep - 1);
    resolved_[at] = Child(parent_[j], ids_[at], hashes_[j]);
  }
}

// The stacks in order once their frames are known: each one's counts go
// to its leaf, and path_ ends as the last one's frames.
void FrameTree::ReplayPending() const {
  for (const Pending& p : pending_) {
    path_.resize(p.keep + 1);
    path_.insert(path_.end(), resolved_.begin() + p.first_id,
                 resolved_.begin() + p.first_id + (p.frames - p.keep));
    FrameNode& leaf = nodes_[path_.back()];
    leaf.before += p.before;
    leaf.after += p.after;
  }
  pending_.clear();
  ids_.clear();
}

}  // namespace flame
