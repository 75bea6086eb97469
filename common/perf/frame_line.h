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

// The symbol without a trailing "+0x<lowercase hex>" offset (the reference
// strips it before naming).
std::string_view SymbolWithoutOffset(std::string_view symbol);

// What a frame's names depend on, as two pieces of its text: `head` is the
// symbol without its offset (from the address on when `with_pc`), `tail`
// is the " (dso)" after the symbol ("" without a dso). Texts that differ
// only in the offset ("f+0x1b (x)", "f+0x30 (x)") have equal keys and name
// the same frames, so a cache keyed on this holds each function once, not
// once per instruction address.
struct FrameKey {
  std::string_view head;
  std::string_view tail;
};
// `text` starts at the symbol (FrameTextStart); `pc` is the address before
// it, in the same line.
FrameKey KeyOfFrameText(std::string_view text, std::string_view pc,
                        bool with_pc);

// Parses a whole frame line (leading whitespace, hex address, text).
// Returns false when the line does not start with a hex address followed
// by a space.
bool ParseFrameLine(std::string_view line, FrameLine* out);

// Length of the leading whitespace + address + separating spaces of a frame
// line, i.e. where the symbol starts; 0 when it is not a frame line.
size_t FrameTextStart(std::string_view line, std::string_view* pc);

}  // namespace perf

#endif  // COMMON_PERF_FRAME_LINE_H_
