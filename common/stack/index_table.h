#ifndef COMMON_STACK_INDEX_TABLE_H_
#define COMMON_STACK_INDEX_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace stack {

// The one open-addressing hash table of the project: a set of indexes whose
// keys live in the caller's own arrays. The caller passes a key's 64-bit
// hash and an equality test against an existing index, so interning frame
// names, stacks, locations, samples, graph edges or tree nodes never builds
// a key object per lookup. An index is any value below 2^32 - 1 the caller
// chooses: usually dense (0, 1, 2 ...), or an offset into the caller's key
// arena. Linear probing.
//
// By default the table keeps 32 bits of each slot's hash next to its index
// (one cache line holds both): most mismatches are rejected without calling
// eq, and growing never calls back into the caller (8 bytes a slot; 32 bits
// place up to 2^32 slots). A compact table keeps only the indexes (4 bytes a
// slot, grown at half full instead of three quarters): for keys whose eq is
// a couple of integer compares and that are many (a flame graph's tree
// nodes), at the price of asking the caller, through FindOrInsert's
// `rehash`, for each key's hash again when it grows.
//
// Probe-length guard: the keyed hash (stack/hash.h) is what keeps hostile
// keys apart. As a second line, every bit of the caller's hash takes part
// in placing a key (Spread), and an insert that walked more than
// kLongProbe slots (keys that cluster, e.g. structured ids through a weak
// hash) doubles the table, up to kGuardLimit slots per key (the load alone
// needs fewer than 3), so clustered keys spread instead of forming one long
// run while memory stays bounded.
class IndexTable {
 public:
  enum Mode { kTagged, kCompact };
  // Probes past which an insert counts as long: far beyond the longest run
  // random keys form at three quarters full, even with millions of keys.
  static constexpr size_t kLongProbe = 256;
  // The guard grows a table to at most this many slots per key.
  static constexpr size_t kGuardLimit = 32;

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
    hash = Spread(hash);
    const size_t mask = slots() - 1;
    const uint32_t tag = static_cast<uint32_t>(hash);
    for (size_t i = hash & mask, probes = 0;; i = (i + 1) & mask, ++probes) {
      const uint32_t s = IndexAt(i);
      if (s == 0) {
        Set(i, next + 1, tag);
        ++count_;
        *inserted = true;
        if (probes > longest_probe_) longest_probe_ = probes;
        if (probes > kLongProbe && GuardMayGrow()) Grow(rehash);
        return next;
      }
      if ((compact_ || TagAt(i) == tag) && eq(s - 1)) {
        *inserted = false;
        return s - 1;
      }
    }
  }

  // The index whose key equals the probe, or -1.
  template <typename Eq>
  int64_t Find(uint64_t hash, Eq eq) const {
    hash = Spread(hash);
    const size_t mask = slots() - 1;
    const uint32_t tag = static_cast<uint32_t>(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = IndexAt(i);
      if (s == 0) return -1;
      if ((compact_ || TagAt(i) == tag) && eq(s - 1)) return s - 1;
    }
  }

  // Sizes an empty table for `n` keys, so a known count never regrows.
  void Reserve(size_t n) {
    size_t want = 16;
    while (!Fits(n, want)) want *= 2;
    if (want > slots() && count_ == 0) Reset(want);
  }

  size_t size() const { return count_; }
  // Slots now (for tests of the guard).
  size_t capacity() const { return slots(); }
  // The most slots any insert walked past (for tests and benchmarks).
  size_t longest_probe() const { return longest_probe_; }

 private:
  // Folds all 64 bits of the caller's hash into the low 32 that place a
  // key and tag it, so hashes that differ only in their high bits (ids
  // shifted left, a weak hash) do not share a slot and a tag.
  static uint64_t Spread(uint64_t h) {
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h;
  }

  // Tagged: {index + 1, tag} pairs; compact: index + 1 only. 0 = empty.
  size_t width() const { return compact_ ? 1 : 2; }
  size_t slots() const { return cells_.size() / width(); }
  uint32_t IndexAt(size_t i) const { return cells_[i * width()]; }
  uint32_t TagAt(size_t i) const { return cells_[i * 2 + 1]; }
  void Set(size_t i, uint32_t index1, uint32_t tag) {
    cells_[i * width()] = index1;
    if (!compact_) cells_[i * 2 + 1] = tag;
  }

  bool Fits(size_t n, size_t slots) const {
    return compact_ ? n * 2 <= slots : n * 4 <= slots * 3;
  }
  bool NeedsGrow() const { return !Fits(count_ + 1, slots()); }
  bool GuardMayGrow() const { return slots() * 2 <= kGuardLimit * count_; }

  void Reset(size_t n) {
    cells_.assign(n * width(), 0);
    count_ = 0;
  }

  template <typename Rehash>
  void Grow(Rehash rehash) {
    std::vector<uint32_t> old;
    old.swap(cells_);
    const size_t old_slots = old.size() / width();
    cells_.assign(old.size() * 2, 0);
    const size_t mask = slots() - 1;
    for (size_t j = 0; j < old_slots; ++j) {
      const uint32_t s = old[j * width()];
      if (s == 0) continue;
      uint64_t hash;
      if constexpr (std::is_same_v<Rehash, std::nullptr_t>) {
        if (compact_) __builtin_trap();  // a compact table needs rehash
        hash = old[j * 2 + 1];           // the tag holds the hash's low bits
      } else {
        hash = compact_ ? Spread(rehash(s - 1)) : old[j * 2 + 1];
      }
      size_t i = hash & mask;
      while (IndexAt(i) != 0) i = (i + 1) & mask;
      Set(i, s, static_cast<uint32_t>(hash));
    }
  }

  bool compact_;
  std::vector<uint32_t> cells_;
  size_t count_ = 0;
  size_t longest_probe_ = 0;
};

}  // namespace stack

#endif  // COMMON_STACK_INDEX_TABLE_H_
