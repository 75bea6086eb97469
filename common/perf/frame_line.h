#ifndef COMMON_PERF_FRAME_LINE_H_
#define COMMON_PERF_FRAME_LINE_H_

#include <string_view>

namespace perf {

// One call-chain line of a `perf script` sample, split into its fields:
//   "\t    7f78967c5bec JS:*fib /src/work.js:9:13+0x6c (/tmp/perf-11673.map)"
// gives pc "7f78967c5bec", symbol "JS:*fib /src/work.js:9:13+0x6c" and dso
// "/tmp/perf-11673.map". `perf script -F ip,sym` prints no dso: has_dso is
// then false.
struct FrameLine {
  std::string_view pc;
  std::string_view symbol;  // with its "+0x..." offset, if any
  std::string_view dso;
  bool has_dso = false;
};

// Splits the text after the leading whitespace and address ("rest") into
// symbol and dso. The dso is the last " (...)" group without spaces.
void SplitSymbolAndDso(std::string_view rest, FrameLine* out);

// Parses a whole frame line (leading whitespace, hex address, text).
// Returns false when the line does not start with a hex address followed
// by a space.
bool ParseFrameLine(std::string_view line, FrameLine* out);

// Length of the leading whitespace + address + separating spaces of a frame
// line, i.e. where the symbol starts; 0 when it is not a frame line.
size_t FrameTextStart(std::string_view line, std::string_view* pc);

}  // namespace perf

#endif  // COMMON_PERF_FRAME_LINE_H_
