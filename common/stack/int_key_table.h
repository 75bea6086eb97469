#ifndef COMMON_STACK_INT_KEY_TABLE_H_
#define COMMON_STACK_INT_KEY_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/stack/hash.h"

namespace stack {

// IndexTable's sibling for keys that are one 64-bit integer (a flame
// graph's (parent node, name id) pairs): the key is kept in the slot next
// to its index, so a lookup touches one slot and nothing of the caller's,
// and a mismatch is rejected without reading the caller's arrays. For
// millions of keys that is one cache miss per lookup instead of two or
// more (IndexTable has to ask the caller's array to compare). Linear
// probing on the keyed MixHash (hostile keys cannot aim at one chain);
// 12 bytes a slot, grown at seven eighths full (a probe compares keys in
// the slots themselves, so long runs stay cheap, and the table is small).
class IntKeyTable {
 public:
  IntKeyTable() { Reset(16); }

  // The hash FindOrInsert places `key` by (keyed MixHash).
  static uint64_t Hash(uint64_t key) { return MixHash(key); }

  // Asks the CPU to start loading the slot of a key with hash `hash`, so
  // several independent lookups can wait for memory at the same time.
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }

  // Returns the index stored for `key`, or stores `next` and returns it,
  // setting *inserted.
  uint32_t FindOrInsert(uint64_t key, uint32_t next, bool* inserted) {
    return FindOrInsert(key, Hash(key), next, inserted);
  }
  // The same with `hash` == Hash(key) already computed.
  uint32_t FindOrInsert(uint64_t key, uint64_t hash, uint32_t next,
                        bool* inserted) {
    if ((count_ + 1) * 8 > slots_.size() * 7) Grow();
    const Slot probe = MakeSlot(key, next);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.index1 == 0) {
        s = probe;
        ++count_;
        *inserted = true;
        return next;
      }
      if (s.lo == probe.lo && s.hi == probe.hi) {
        *inserted = false;
        return s.index1 - 1;
      }
    }
  }

  // The index stored for `key`, or -1.
  int64_t Find(uint64_t key) const {
    const Slot probe = MakeSlot(key, 0);
    const size_t mask = slots_.size() - 1;
    for (size_t i = MixHash(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index1 == 0) return -1;
      if (s.lo == probe.lo && s.hi == probe.hi) return s.index1 - 1;
    }
  }

  size_t size() const { return count_; }

  // Forgets every key and gives the memory back.
  void Release() {
    std::vector<Slot>().swap(slots_);
    Reset(16);
  }

 private:
  // Three 32-bit words, so a slot is 12 bytes, not 16.
  struct Slot {
    uint32_t lo, hi;
    uint32_t index1;  // index + 1; 0 = empty
  };

  static Slot MakeSlot(uint64_t key, uint32_t index) {
    return Slot{static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32),
                index + 1};
  }

  void Reset(size_t n) {
    slots_.assign(n, Slot{0, 0, 0});
    count_ = 0;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{0, 0, 0});
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.index1 == 0) continue;
      const uint64_t key = static_cast<uint64_t>(s.hi) << 32 | s.lo;
      size_t i = MixHash(key) & mask;
      while (slots_[i].index1 != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t count_ = 0;
};

}  // namespace stack

#endif  // COMMON_STACK_INT_KEY_TABLE_H_
