#ifndef COMMON_FLAME_NAME_CACHE_H_
#define COMMON_FLAME_NAME_CACHE_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "common/stack/symbol_table.h"

namespace flame {

// A small direct-mapped memo in front of SymbolTable::Intern for frame
// names: a folded file repeats a few thousand names millions of times, and
// a hit costs a fold of its words, one multiply and one comparison with the
// stored name instead of a full keyed hash and a probe. The slot comes
// from a cheap unkeyed fold of the name's words; the name is
// always compared, so a collision (or a crafted input where every name
// collides) only falls through to Intern. Ids are Intern's, so nothing
// downstream depends on the cache.
class NameCache {
 public:
  NameCache() : slots_(kSlots, 0) {}

  uint32_t Intern(std::string_view name, stack::SymbolTable* symbols) {
    uint32_t& slot = slots_[Slot(name)];
    if (slot != 0 && symbols->Name(slot - 1) == name) return slot - 1;
    const uint32_t id = symbols->Intern(name);
    slot = id + 1;
    return id;
  }

 private:
  static constexpr size_t kBits = 12;
  static constexpr size_t kSlots = size_t{1} << kBits;

  // Every 8-byte word of the name, each rotated by its position and
  // xor-folded (no multiply chain), then one multiply: names that differ
  // anywhere get different slots, not only at the ends.
  static size_t Slot(std::string_view name) {
    const char* p = name.data();
    const size_t n = name.size();
    uint64_t h = n * 0x165667b19e3779f9ULL;
    size_t i = 0;
    unsigned rotate = 0;
    for (; i + 8 <= n; i += 8, rotate = (rotate + 13) & 63) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h ^= (w << rotate) | (w >> ((64 - rotate) & 63));
    }
    if (i < n) {
      uint64_t w = 0;
      std::memcpy(&w, p + i, n - i);
      h ^= (w << rotate) | (w >> ((64 - rotate) & 63));
    }
    h *= 0x9e3779b97f4a7c15ULL;
    return static_cast<size_t>((h ^ (h >> 29)) >> (64 - kBits));
  }

  std::vector<uint32_t> slots_;  // id + 1; 0 = empty
};

}  // namespace flame

#endif  // COMMON_FLAME_NAME_CACHE_H_
