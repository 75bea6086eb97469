#ifndef COMMON_DTRACE_FORMAT_PROBE_H_
#define COMMON_DTRACE_FORMAT_PROBE_H_

#include <cstdint>
#include <string_view>

namespace dtrace {

// Whether `head` is DTrace stack aggregation output: after a blank line,
// frame lines (module`function+0xoff, or a bare 0x address) and then a
// line holding only a count. The rule of inferno's dtrace guess, decided
// within `head`.
bool LooksLikeDtrace(std::string_view head);

// One trimmed line that is only a decimal count (the end of a stack).
bool IsCountLine(std::string_view trimmed, int64_t* count);

}  // namespace dtrace

#endif  // COMMON_DTRACE_FORMAT_PROBE_H_
