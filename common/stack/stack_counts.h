#ifndef COMMON_STACK_STACK_COUNTS_H_
#define COMMON_STACK_STACK_COUNTS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/stack/index_table.h"

namespace stack {

// The folded-stack aggregate: stack (a root-first sequence of interned frame
// ids) -> N value columns, summed. One column is a plain profile, two are
// before/after, N are the snapshots of a series. Values saturate instead of
// wrapping. Memory grows with the number of distinct stacks.
class StackCounts {
 public:
  explicit StackCounts(int columns = 1);

  int columns() const { return columns_; }

  // Adds `values` (one per column) to `frames`, inserting it if new.
  void Add(std::span<const uint32_t> frames, std::span<const int64_t> values);
  // Adds `value` to one column of `frames` (the others are unchanged, 0 when
  // new). Add(frames, v) on a one-column aggregate is AddTo(frames, 0, v).
  void AddTo(std::span<const uint32_t> frames, int column, int64_t value);
  void Add(std::span<const uint32_t> frames, int64_t count) {
    AddTo(frames, 0, count);
  }

  size_t size() const { return spans_.size(); }
  std::span<const uint32_t> Frames(size_t i) const {
    return std::span<const uint32_t>(frames_.data() + spans_[i].offset,
                                     spans_[i].length);
  }
  std::span<const int64_t> Values(size_t i) const {
    return std::span<const int64_t>(values_.data() + i * columns_, columns_);
  }
  int64_t Value(size_t i, int column) const {
    return values_[i * columns_ + column];
  }
  // The first column (the only one of a plain profile).
  int64_t Count(size_t i) const { return values_[i * columns_]; }
  // Sum of one column.
  int64_t Total(int column = 0) const;

 private:
  // The entry of `frames`, inserted with zero values if new.
  size_t Entry(std::span<const uint32_t> frames);

  int columns_;
  // By entry: where its frames are in frames_ (side by side: a lookup
  // touches one of them).
  struct FrameSpan {
    uint64_t offset;
    uint32_t length;
  };
  std::vector<FrameSpan> spans_;
  std::vector<int64_t> values_;  // by entry: `columns_` values
  std::vector<uint32_t> frames_;
  IndexTable index_;  // frames -> entry
};

// a + b, pinned to INT64_MAX / INT64_MIN instead of wrapping.
int64_t SaturatingAdd(int64_t a, int64_t b);

}  // namespace stack

#endif  // COMMON_STACK_STACK_COUNTS_H_
