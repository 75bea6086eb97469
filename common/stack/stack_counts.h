#ifndef COMMON_STACK_STACK_COUNTS_H_
#define COMMON_STACK_STACK_COUNTS_H_

#include <cstdint>
#include <span>
#include <vector>

namespace stack {

// The folded-stack aggregate: stack (a root-first sequence of interned frame
// ids) -> summed count. Memory grows with the number of distinct stacks.
class StackCounts {
 public:
  StackCounts();

  // Adds `count` to `frames` (root first), inserting it if new.
  void Add(std::span<const uint32_t> frames, int64_t count);

  size_t size() const { return entries_.size(); }
  std::span<const uint32_t> Frames(size_t i) const {
    const Entry& e = entries_[i];
    return std::span<const uint32_t>(frames_.data() + e.offset, e.length);
  }
  int64_t Count(size_t i) const { return entries_[i].count; }
  // Sum of all counts.
  int64_t Total() const;

 private:
  struct Entry {
    uint64_t hash;
    uint64_t offset;
    uint32_t length;
    int64_t count;
  };
  void Grow();

  std::vector<Entry> entries_;
  std::vector<uint32_t> frames_;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 = empty
};

}  // namespace stack

#endif  // COMMON_STACK_STACK_COUNTS_H_
