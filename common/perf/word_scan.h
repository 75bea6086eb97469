#ifndef COMMON_PERF_WORD_SCAN_H_
#define COMMON_PERF_WORD_SCAN_H_

#include <cstdint>
#include <cstring>

namespace perf {

// Scans over `perf script` text a word (8 bytes) at a time where the text
// has 8 more bytes: perf pads its columns with runs of spaces, and every
// line of the input goes through these.

inline uint64_t LoadWord(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline constexpr uint64_t kSpaceBytes = 0x2020202020202020ULL;

// The first byte at or after p that is not a space, or end.
inline const char* SkipSpaces(const char* p, const char* end) {
  for (; p + 8 <= end; p += 8) {
    const uint64_t other = LoadWord(p) ^ kSpaceBytes;  // 0 bytes: spaces
    if (other != 0) return p + __builtin_ctzll(other) / 8;
  }
  while (p < end && *p == ' ') ++p;
  return p;
}

// The first space at or after p, or end.
inline const char* FindSpace(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  for (; p + 8 <= end; p += 8) {
    const uint64_t x = LoadWord(p) ^ kSpaceBytes;
    // The lowest flagged byte is the first zero byte of x (a borrow only
    // flags bytes above a real zero).
    const uint64_t zero = (x - kOnes) & ~x & kHighs;
    if (zero != 0) return p + __builtin_ctzll(zero) / 8;
  }
  while (p < end && *p != ' ') ++p;
  return p;
}

}  // namespace perf

#endif  // COMMON_PERF_WORD_SCAN_H_
