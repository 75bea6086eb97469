#include "common/stack/folded_stacks.h"

namespace stack {

void FoldedStacks::AddNames(std::span<const std::string_view> frames,
                            int64_t count) {
  std::vector<uint32_t> ids;
  ids.reserve(frames.size());
  for (std::string_view f : frames) ids.push_back(symbols.Intern(f));
  stacks.Add(ids, count);
}

void FoldedStacks::Merge(const FoldedStacks& other) {
  // Map the other table's ids once, then re-add each stack.
  std::vector<uint32_t> remap(other.symbols.size());
  for (uint32_t id = 0; id < other.symbols.size(); ++id) {
    remap[id] = symbols.Intern(other.symbols.Name(id));
  }
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < other.stacks.size(); ++i) {
    ids.clear();
    for (uint32_t f : other.stacks.Frames(i)) ids.push_back(remap[f]);
    stacks.Add(ids, other.stacks.Count(i));
  }
}

std::string FoldedStacks::Join(size_t i) const {
  std::string out;
  bool first = true;
  for (uint32_t f : stacks.Frames(i)) {
    if (!first) out.push_back(';');
    first = false;
    out.append(symbols.Name(f));
  }
  return out;
}

}  // namespace stack
