#include "common/stack/folded_stacks.h"

namespace stack {
namespace {

// The ids of `from`'s names in `to`, interned once per name.
std::vector<uint32_t> MapSymbols(const SymbolTable& from, SymbolTable* to) {
  std::vector<uint32_t> remap(from.size());
  for (uint32_t id = 0; id < from.size(); ++id) {
    remap[id] = to->Intern(from.Name(id));
  }
  return remap;
}

}  // namespace

void FoldedStacks::AddNamesTo(std::span<const std::string_view> frames,
                              int column, int64_t value) {
  std::vector<uint32_t> ids;
  ids.reserve(frames.size());
  for (std::string_view f : frames) ids.push_back(symbols.Intern(f));
  stacks.AddTo(ids, column, value);
}

void FoldedStacks::Merge(const FoldedStacks& other) {
  const std::vector<uint32_t> remap = MapSymbols(other.symbols, &symbols);
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < other.stacks.size(); ++i) {
    ids.clear();
    for (uint32_t f : other.stacks.Frames(i)) ids.push_back(remap[f]);
    stacks.Add(ids, other.stacks.Values(i));
  }
}

void FoldedStacks::MergeInto(const FoldedStacks& other, int column) {
  const std::vector<uint32_t> remap = MapSymbols(other.symbols, &symbols);
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < other.stacks.size(); ++i) {
    ids.clear();
    for (uint32_t f : other.stacks.Frames(i)) ids.push_back(remap[f]);
    stacks.AddTo(ids, column, other.stacks.Count(i));
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
