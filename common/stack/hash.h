#ifndef COMMON_STACK_HASH_H_
#define COMMON_STACK_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace stack {

// A fast non-cryptographic 64-bit hash for byte strings and id sequences,
// used by the interning tables. Reads 8 bytes at a time and mixes with a
// multiply-xorshift; good enough spread for open addressing.
inline uint64_t MixHash(uint64_t h) {
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

inline uint64_t HashBytes(const void* data, size_t n, uint64_t seed = 0) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (n + 1));
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
  }
  return MixHash(h);
}

inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  return HashBytes(s.data(), s.size(), seed);
}

}  // namespace stack

#endif  // COMMON_STACK_HASH_H_
