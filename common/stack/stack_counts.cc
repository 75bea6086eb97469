#include "common/stack/stack_counts.h"

#include <algorithm>

#include "common/stack/hash.h"

namespace stack {

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? INT64_MAX : INT64_MIN;
  }
  return sum;
}

StackCounts::StackCounts(int columns) : columns_(std::max(columns, 1)) {
  index_.Reserve(512);
}

size_t StackCounts::Entry(std::span<const uint32_t> frames) {
  bool inserted = false;
  const uint32_t next = static_cast<uint32_t>(spans_.size());
  const uint32_t e = index_.FindOrInsert(
      HashBytes(frames.data(), frames.size_bytes()), next,
      [&](uint32_t k) {
        return spans_[k].length == frames.size() &&
               std::equal(frames.begin(), frames.end(),
                          frames_.begin() + spans_[k].offset);
      },
      &inserted);
  if (inserted) {
    spans_.push_back({frames_.size(), static_cast<uint32_t>(frames.size())});
    values_.resize(values_.size() + columns_, 0);
    frames_.insert(frames_.end(), frames.begin(), frames.end());
  }
  return e;
}

void StackCounts::Add(std::span<const uint32_t> frames,
                      std::span<const int64_t> values) {
  const size_t e = Entry(frames);  // first: it may grow values_
  int64_t* v = values_.data() + e * columns_;
  const size_t n = std::min<size_t>(values.size(), columns_);
  for (size_t c = 0; c < n; ++c) v[c] = SaturatingAdd(v[c], values[c]);
}

void StackCounts::AddTo(std::span<const uint32_t> frames, int column,
                        int64_t value) {
  const size_t e = Entry(frames);  // first: it may grow values_
  int64_t& v = values_[e * columns_ + column];
  v = SaturatingAdd(v, value);
}

int64_t StackCounts::Total(int column) const {
  int64_t total = 0;
  for (size_t i = 0; i < size(); ++i) {
    total = SaturatingAdd(total, Value(i, column));
  }
  return total;
}

}  // namespace stack
