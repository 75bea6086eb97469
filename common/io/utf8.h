#ifndef COMMON_IO_UTF8_H_
#define COMMON_IO_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace io {

// The one UTF-8 validator of the project. Names in our inputs come from
// binaries, dumps and scripts and may hold any bytes, while JSON (RFC 8259)
// and XML outputs must be well-formed UTF-8; each writer decides what to do
// with a byte that starts no valid character (both replace it by U+FFFD).

// Decodes the character that starts at s[i] (i < s.size()): returns its
// length in bytes (1 to 4) and sets *code_point, or returns 0 when s[i]
// starts no well-formed sequence: a stray continuation byte, a truncated
// sequence, an overlong form, a surrogate (U+D800..U+DFFF) or a value past
// U+10FFFF. ASCII bytes are characters of length 1.
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* code_point);

}  // namespace io

#endif  // COMMON_IO_UTF8_H_
