#ifndef COMMON_STACK_HASH_H_
#define COMMON_STACK_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace stack {

// Two hashes with different promises.
//
// HashBytes / HashString / MixHash key every table of the project (frame
// names, stacks, pprof ids, graph nodes). Their input is the user's input,
// which may be hostile: with a public, unkeyed hash an input can be built
// whose keys all collide, and linear probing then takes time quadratic in
// the key count (100,000 crafted names took 40 s). So they are keyed by a
// random per-process secret, and every step multiplies the data with the
// secret into 128 bits and folds it (the "mum" of wyhash): without the key
// an input cannot aim at a collision. Table contents never depend on hash
// order (ids are dense, in insertion order), so output stays deterministic.
//
// StableHash is for values that must be the same in every run, such as a
// frame's colour in a flame graph. It is never used to key a table.

namespace hash_internal {

uint64_t RandomKey();
// Set once at start-up, before main: no per-call guard on the hot path.
inline const uint64_t kKey1 = RandomKey();
inline const uint64_t kKey2 = RandomKey() | 1;

// 64 x 64 -> 128-bit product, folded to 64 bits.
inline uint64_t Mum(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// A product's low bits depend on few input bits when the input is
// structured (ids that are multiples of 2^20 filled 211 of 4096 slots for
// some keys): a multiply-xorshift finish spreads every bit into the slot.
inline uint64_t Finish(uint64_t h) {
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

inline uint64_t Load64(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline uint64_t Load32(const unsigned char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// 1 to 7 bytes as the low bytes of one word, as they are in memory.
inline uint64_t LoadTailExact(const unsigned char* p, size_t n) {
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

// 1 to 7 bytes as one word (the length goes in separately), in at most two
// loads: a variable-length memcpy compiles to a byte loop.
inline uint64_t LoadTail(const unsigned char* p, size_t n) {
  if (n >= 4) return (Load32(p) << 32) | Load32(p + n - 4);
  return (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
}

}  // namespace hash_internal

// Keyed hash of a byte string; `seed` chains several fields into one key.
inline uint64_t HashBytes(const void* data, size_t n, uint64_t seed = 0) {
  using namespace hash_internal;
  const unsigned char* p = static_cast<const unsigned char*>(data);
  uint64_t h = Mum(seed ^ kKey1, n ^ kKey2);
  while (n >= 16) {
    h = Mum(Load64(p) ^ kKey1 ^ h, Load64(p + 8) ^ kKey2);
    p += 16;
    n -= 16;
  }
  if (n >= 8) {
    h = Mum(Load64(p) ^ kKey1 ^ h, kKey2 + n);
    p += 8;
    n -= 8;
  }
  if (n > 0) h = Mum(LoadTail(p, n) ^ kKey1 ^ h, kKey2 + n);
  return Finish(Mum(h ^ kKey2, kKey1 ^ 0x9e3779b97f4a7c15ULL));
}

inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  return HashBytes(s.data(), s.size(), seed);
}

// Keyed mix of an integer key (ids, addresses, combined hashes).
inline uint64_t MixHash(uint64_t h) {
  using namespace hash_internal;
  return Finish(Mum(h ^ kKey1, kKey2));
}

// The same value in every run: for colours, never for table keys. (The
// unkeyed multiply-xorshift the tables used before they were keyed.)
inline uint64_t StableHash(std::string_view s, uint64_t seed) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (n + 1));
  while (n >= 8) {
    h = (h ^ hash_internal::Load64(p)) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    h = (h ^ hash_internal::LoadTailExact(p, n)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
  }
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

}  // namespace stack

#endif  // COMMON_STACK_HASH_H_
