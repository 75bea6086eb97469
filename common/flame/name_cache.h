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
// a hit costs two word loads, one multiply and one comparison with the
// stored name instead of a full keyed hash and a probe. The slot comes
// from the name's length and its first and last 8 bytes; the name is
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

  static size_t Slot(std::string_view name) {
    const size_t n = name.size();
    uint64_t head = 0;
    uint64_t tail = 0;
    if (n >= 8) {
      std::memcpy(&head, name.data(), 8);
      std::memcpy(&tail, name.data() + n - 8, 8);
    } else {
      std::memcpy(&head, name.data(), n);
    }
    const uint64_t h = (head * 0x9e3779b97f4a7c15ULL) ^
                       (tail * 0xc2b2ae3d27d4eb4fULL) ^
                       (n * 0x165667b19e3779f9ULL);
    return static_cast<size_t>((h ^ (h >> 29)) >> (64 - kBits));
  }

  std::vector<uint32_t> slots_;  // id + 1; 0 = empty
};

}  // namespace flame

#endif  // COMMON_FLAME_NAME_CACHE_H_
