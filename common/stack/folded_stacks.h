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

// The model every tool shares: interned frame names plus stack -> N value
// columns (1 plain, 2 before/after, N a series of snapshots). Parsers and
// converters fill it, writers read it.
struct FoldedStacks {
  explicit FoldedStacks(int columns = 1) : stacks(columns) {}

  SymbolTable symbols;
  StackCounts stacks;

  int columns() const { return stacks.columns(); }

  // Adds a stack given by frame names (root first) to the first column.
  void AddNames(std::span<const std::string_view> frames, int64_t count) {
    AddNamesTo(frames, 0, count);
  }
  // Adds a stack given by frame names to one column.
  void AddNamesTo(std::span<const std::string_view> frames, int column,
                  int64_t value);
  // Adds every stack of `other` (with its own symbol table and the same
  // number of columns) to this one.
  void Merge(const FoldedStacks& other);
  // Adds column 0 of `other` (a one-column aggregate) to column `column`.
  void MergeInto(const FoldedStacks& other, int column);
  // "root;...;leaf" for stack i.
  std::string Join(size_t i) const;
};

}  // namespace stack

#endif  // COMMON_STACK_FOLDED_STACKS_H_
