#include "common/stack/stack_counts.h"

#include <algorithm>
#include <cstring>

#include "common/stack/hash.h"

namespace stack {
namespace {

// Counts saturate instead of wrapping: hostile input must not overflow.
int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? INT64_MAX : INT64_MIN;
  }
  return sum;
}

}  // namespace

StackCounts::StackCounts() : slots_(1024, 0) {}

void StackCounts::Grow() {
  std::vector<uint32_t> bigger(slots_.size() * 2, 0);
  size_t mask = bigger.size() - 1;
  for (uint32_t k = 0; k < entries_.size(); ++k) {
    size_t i = entries_[k].hash & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = k + 1;
  }
  slots_.swap(bigger);
}

void StackCounts::Add(std::span<const uint32_t> frames, int64_t count) {
  uint64_t h = HashBytes(frames.data(), frames.size_bytes());
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) break;
    Entry& e = entries_[s - 1];
    if (e.hash == h && e.length == frames.size() &&
        std::equal(frames.begin(), frames.end(), frames_.begin() + e.offset)) {
      e.count = SaturatingAdd(e.count, count);
      return;
    }
  }
  entries_.push_back(
      Entry{h, frames_.size(), static_cast<uint32_t>(frames.size()), count});
  frames_.insert(frames_.end(), frames.begin(), frames.end());
  slots_[i] = static_cast<uint32_t>(entries_.size());
  if (entries_.size() * 2 > slots_.size()) Grow();
}

int64_t StackCounts::Total() const {
  int64_t total = 0;
  for (const Entry& e : entries_) total = SaturatingAdd(total, e.count);
  return total;
}

}  // namespace stack
