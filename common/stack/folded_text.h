#ifndef COMMON_STACK_FOLDED_TEXT_H_
#define COMMON_STACK_FOLDED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"
#include "common/stack/folded_stacks.h"

namespace stack {

// One line of folded text, split but not interpreted: "a;b;c 12" gives
// stack "a;b;c" and counts {"12"}; a differential line "a;b;c 5 7" gives
// counts {"5", "7"}.
struct FoldedLine {
  std::string_view stack;
  std::string_view counts[2];
  int num_counts = 0;
};

// Splits a folded line at its trailing count field(s). Returns false when
// the line has no numeric count after a space. A trailing "\r" must already
// be gone (LineSplitter removes it).
bool SplitFoldedLine(std::string_view line, FoldedLine* out);

// Parses an integer count ("123", "-5"); false if not an integer.
bool ParseIntCount(std::string_view text, int64_t* value);

// Reads folded text "root;...;leaf COUNT" (integer counts) into *out,
// merging equal stacks. Lines that do not parse are reported through
// `on_bad(line_number, line)` and skipped. Returns false on a read error.
template <typename OnBad>
bool ReadFolded(io::LineReader* reader, FoldedStacks* out, OnBad on_bad);

// Writes "root;...;leaf COUNT\n" lines sorted in byte order of the stack
// text (what stackcollapse-perf.pl and inferno print).
void WriteFoldedSorted(const FoldedStacks& folded, io::OutputBuffer* out);

// Same, to a string (tests, small outputs).
std::string FoldedToString(const FoldedStacks& folded);

// ---- implementation of the template ----

bool AddFoldedLine(std::string_view line, FoldedStacks* out,
                   std::vector<uint32_t>* scratch);

template <typename OnBad>
bool ReadFolded(io::LineReader* reader, FoldedStacks* out, OnBad on_bad) {
  std::string_view line;
  std::vector<uint32_t> scratch;
  while (reader->Next(&line)) {
    if (line.empty()) continue;
    if (!AddFoldedLine(line, out, &scratch)) {
      on_bad(reader->line_number(), line);
    }
  }
  return reader->ok();
}

}  // namespace stack

#endif  // COMMON_STACK_FOLDED_TEXT_H_
