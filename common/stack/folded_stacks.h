#ifndef COMMON_STACK_FOLDED_STACKS_H_
#define COMMON_STACK_FOLDED_STACKS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/stack/stack_counts.h"
#include "common/stack/symbol_table.h"

namespace stack {

// The model every tool shares: interned frame names plus stack -> count.
// Parsers fill it, writers read it.
struct FoldedStacks {
  SymbolTable symbols;
  StackCounts stacks;

  // Adds a stack given by frame names (root first).
  void AddNames(std::span<const std::string_view> frames, int64_t count);
  // Adds every stack of `other` (with its own symbol table) to this one.
  void Merge(const FoldedStacks& other);
  // "root;...;leaf" for stack i.
  std::string Join(size_t i) const;
};

}  // namespace stack

#endif  // COMMON_STACK_FOLDED_STACKS_H_
