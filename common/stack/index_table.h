#ifndef COMMON_STACK_INDEX_TABLE_H_
#define COMMON_STACK_INDEX_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace stack {

// The one open-addressing hash table of the project: a set of dense indexes
// (0, 1, 2 ...) whose keys live in the caller's own arrays. The caller
// passes a key's 64-bit hash and an equality test against an existing
// index, so interning frame names, stacks, locations, samples, graph edges
// or tree nodes never builds a key object per lookup. Linear probing.
//
// By default the table keeps 32 bits of each slot's hash: most mismatches
// are rejected without calling eq, and growing never calls back into the
// caller (8 bytes a slot; 32 bits place up to 2^32 slots). A compact table
// keeps only the indexes (4 bytes a slot, grown at half full instead of
// three quarters): for keys whose eq is a couple of integer compares and
// that are many (a flame graph's tree nodes), at the price of asking the
// caller, through FindOrInsert's `rehash`, for each key's hash again when it
// grows.
class IndexTable {
 public:
  enum Mode { kTagged, kCompact };
  explicit IndexTable(Mode mode = kTagged) : compact_(mode == kCompact) {
    Reset(16);
  }

  // Returns the index whose key equals the probe (eq(index) is true), or
  // inserts `next` and returns it, setting *inserted. A compact table needs
  // `rehash(index)`, the hash of an existing key.
  template <typename Eq, typename Rehash = std::nullptr_t>
  uint32_t FindOrInsert(uint64_t hash, uint32_t next, Eq eq, bool* inserted,
                        Rehash rehash = nullptr) {
    if (NeedsGrow()) Grow(rehash);
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = static_cast<uint32_t>(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = slots_[i];
      if (s == 0) {
        slots_[i] = next + 1;
        if (!compact_) tags_[i] = tag;
        ++count_;
        *inserted = true;
        return next;
      }
      if ((compact_ || tags_[i] == tag) && eq(s - 1)) {
        *inserted = false;
        return s - 1;
      }
    }
  }

  // The index whose key equals the probe, or -1.
  template <typename Eq>
  int64_t Find(uint64_t hash, Eq eq) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = static_cast<uint32_t>(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = slots_[i];
      if (s == 0) return -1;
      if ((compact_ || tags_[i] == tag) && eq(s - 1)) return s - 1;
    }
  }

  // Sizes an empty table for `n` keys, so a known count never regrows.
  void Reserve(size_t n) {
    size_t want = 16;
    while (!Fits(n, want)) want *= 2;
    if (want > slots_.size() && count_ == 0) Reset(want);
  }

  size_t size() const { return count_; }

 private:
  bool Fits(size_t n, size_t slots) const {
    return compact_ ? n * 2 <= slots : n * 4 <= slots * 3;
  }
  bool NeedsGrow() const { return !Fits(count_ + 1, slots_.size()); }

  void Reset(size_t n) {
    slots_.assign(n, 0);
    if (!compact_) tags_.assign(n, 0);
    count_ = 0;
  }

  template <typename Rehash>
  void Grow(Rehash rehash) {
    std::vector<uint32_t> old_slots;
    std::vector<uint32_t> old_tags;
    old_slots.swap(slots_);
    old_tags.swap(tags_);
    slots_.assign(old_slots.size() * 2, 0);
    if (!compact_) tags_.assign(old_slots.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (size_t j = 0; j < old_slots.size(); ++j) {
      if (old_slots[j] == 0) continue;
      uint64_t hash;
      if constexpr (std::is_same_v<Rehash, std::nullptr_t>) {
        if (compact_) __builtin_trap();  // a compact table needs rehash
        hash = old_tags[j];              // the tag holds the hash's low bits
      } else {
        hash = compact_ ? rehash(old_slots[j] - 1) : old_tags[j];
      }
      size_t i = hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = old_slots[j];
      if (!compact_) tags_[i] = static_cast<uint32_t>(hash);
    }
  }

  bool compact_;
  std::vector<uint32_t> slots_;  // index + 1; 0 = empty
  std::vector<uint32_t> tags_;   // tagged mode: the low 32 bits of the hash
  size_t count_ = 0;
};

}  // namespace stack

#endif  // COMMON_STACK_INDEX_TABLE_H_
