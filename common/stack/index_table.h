#ifndef COMMON_STACK_INDEX_TABLE_H_
#define COMMON_STACK_INDEX_TABLE_H_

#include <cstdint>
#include <vector>

namespace stack {

// The one open-addressing hash table of the project: a set of dense indexes
// (0, 1, 2 ...) whose keys live in the caller's own arrays. The caller
// passes a key's 64-bit hash and an equality test against an existing
// index, so interning frame names, stacks, locations, samples, graph edges
// or tree nodes never builds a key object per lookup. Linear probing; the
// table keeps 32 bits of each slot's hash, so growing never calls back into
// the caller and most mismatches are rejected without calling eq. (32 bits
// place up to 2^32 slots; 8 bytes a slot in all.)
class IndexTable {
 public:
  IndexTable() { Reset(16); }

  // Returns the index whose key equals the probe (eq(index) is true), or
  // inserts `next` and returns it, setting *inserted.
  template <typename Eq>
  uint32_t FindOrInsert(uint64_t hash, uint32_t next, Eq eq, bool* inserted) {
    if ((count_ + 1) * 4 > slots_.size() * 3) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = slots_[i];
      if (s == 0) {
        slots_[i] = next + 1;
        hashes_[i] = static_cast<uint32_t>(hash);
        ++count_;
        *inserted = true;
        return next;
      }
      if (hashes_[i] == static_cast<uint32_t>(hash) && eq(s - 1)) {
        *inserted = false;
        return s - 1;
      }
    }
  }

  // The index whose key equals the probe, or -1.
  template <typename Eq>
  int64_t Find(uint64_t hash, Eq eq) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = slots_[i];
      if (s == 0) return -1;
      if (hashes_[i] == static_cast<uint32_t>(hash) && eq(s - 1)) {
        return s - 1;
      }
    }
  }

  // Sizes an empty table for `n` keys, so a known count never regrows.
  void Reserve(size_t n) {
    size_t want = 16;
    while (want * 3 < n * 4) want *= 2;
    if (want > slots_.size() && count_ == 0) Reset(want);
  }

  size_t size() const { return count_; }

 private:
  void Reset(size_t n) {
    slots_.assign(n, 0);
    hashes_.assign(n, 0);
    count_ = 0;
  }
  void Grow() {
    std::vector<uint32_t> old_slots;
    std::vector<uint32_t> old_hashes;
    old_slots.swap(slots_);
    old_hashes.swap(hashes_);
    slots_.assign(old_slots.size() * 2, 0);
    hashes_.assign(old_slots.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (size_t j = 0; j < old_slots.size(); ++j) {
      if (old_slots[j] == 0) continue;
      size_t i = old_hashes[j] & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = old_slots[j];
      hashes_[i] = old_hashes[j];
    }
  }

  std::vector<uint32_t> slots_;   // index + 1; 0 = empty
  std::vector<uint32_t> hashes_;  // the low 32 bits of each slot's hash
  size_t count_ = 0;
};

}  // namespace stack

#endif  // COMMON_STACK_INDEX_TABLE_H_
