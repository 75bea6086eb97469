// Decodes UTF-8 strictly for the fuzz targets' output checkers.
#ifndef TESTS_FUZZ_UTF8_CHECK_H_
#define TESTS_FUZZ_UTF8_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fuzzcheck {

// Decodes the code point at s[*i] and advances *i; false on malformed,
// overlong, surrogate or out-of-range sequences.
inline bool DecodeUtf8(std::string_view s, size_t* i, uint32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    *cp = c;
    ++*i;
    return true;
  }
  int n;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    n = 1, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3, v = c & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (*i + n >= s.size()) return false;  // truncated sequence
  for (int k = 1; k <= n; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[*i + k]);
    if ((d & 0xC0) != 0x80) return false;
    v = (v << 6) | (d & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
  *cp = v;
  *i += n + 1;
  return true;
}

}  // namespace fuzzcheck

#endif  // TESTS_FUZZ_UTF8_CHECK_H_
