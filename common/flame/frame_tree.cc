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
    if (x != y) break;
    i += 8;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

FrameTree::FrameTree(TreeOptions options) : options_(options) {
  nodes_.push_back(FrameNode{0, symbols_.Intern("all"), 0, 0});
  path_.push_back(0);
}

std::string FrameTree::Path(uint32_t node) const {
  std::vector<uint32_t> chain;
  for (uint32_t n = node; n != 0; n = nodes_[n].parent) chain.push_back(n);
  std::string out;
  for (size_t i = chain.size(); i-- > 0;) {
    out.append(Name(chain[i]));
    if (i > 0) out.push_back(';');
  }
  return out;
}

void FrameTree::FinishAdding() {
  children_.Release();
  prev_.clear();
  prev_.shrink_to_fit();
}

uint32_t FrameTree::Child(uint32_t parent, uint32_t name) {
  const uint32_t next = static_cast<uint32_t>(nodes_.size());
  bool inserted = true;
  // A flame chart never merges with earlier lines: every frame past the
  // prefix shared with the previous stack is a new box.
  const uint32_t id =
      options_.flamechart
          ? next
          : children_.FindOrInsert(static_cast<uint64_t>(parent) << 32 | name,
                                   next, &inserted);
  if (inserted) nodes_.push_back(FrameNode{parent, name, 0, 0});
  return id;
}

void FrameTree::AddStack(std::string_view stack, double before, double after) {
  if (options_.reverse) {
    AddReversed(stack, before, after);
    return;
  }
  // Frames of the previous stack that this one shares, found by text.
  const size_t common = CommonPrefix(stack, prev_);
  size_t keep = 0;
  while (keep < prev_ends_.size()) {
    const size_t end = prev_ends_[keep];
    if (end > common) break;
    if (end == common && end != stack.size() && stack[end] != ';') break;
    ++keep;
  }
  path_.resize(keep + 1);
  prev_ends_.resize(keep);
  size_t pos = keep == 0 ? 0 : prev_ends_[keep - 1] + 1;
  if (keep == 0 || prev_ends_[keep - 1] < stack.size()) {
    for (;;) {
      const void* semi =
          std::memchr(stack.data() + pos, ';', stack.size() - pos);
      const size_t end =
          semi ? static_cast<const char*>(semi) - stack.data() : stack.size();
      const uint32_t name = symbols_.Intern(stack.substr(pos, end - pos));
      path_.push_back(Child(path_.back(), name));
      prev_ends_.push_back(static_cast<uint32_t>(end));
      if (!semi) break;
      pos = end + 1;
    }
  }
  prev_.assign(stack);
  FrameNode& leaf = nodes_[path_.back()];
  leaf.before += before;
  leaf.after += after;
}

void FrameTree::AddReversed(std::string_view stack, double before,
                            double after) {
  ids_.clear();
  for (size_t pos = 0;;) {
    const size_t semi = stack.find(';', pos);
    const size_t end = semi == std::string_view::npos ? stack.size() : semi;
    ids_.push_back(symbols_.Intern(stack.substr(pos, end - pos)));
    if (semi == std::string_view::npos) break;
    pos = end + 1;
  }
  std::reverse(ids_.begin(), ids_.end());
  size_t keep = 0;
  while (keep < ids_.size() && keep < prev_ids_.size() &&
         ids_[keep] == prev_ids_[keep]) {
    ++keep;
  }
  path_.resize(keep + 1);
  for (size_t i = keep; i < ids_.size(); ++i) {
    path_.push_back(Child(path_.back(), ids_[i]));
  }
  prev_ids_.swap(ids_);
  FrameNode& leaf = nodes_[path_.back()];
  leaf.before += before;
  leaf.after += after;
}

}  // namespace flame
