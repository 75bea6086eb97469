#ifndef COMMON_STACK_FOLDED_TEXT_H_
#define COMMON_STACK_FOLDED_TEXT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"
#include "common/stack/folded_stacks.h"

namespace stack {

// Folded text is the lingua franca of the tools: one line per stack,
// "root;...;leaf V1 [V2 ...]", frames joined by ';', then one or more count
// columns separated by single spaces. One column is a plain profile
// ("a;b;c 12"); two are before/after ("a;b;c 5 7", what heapdiff --folded
// writes and flamesvg draws as a differential graph); N are a series of
// snapshots. Frame names may hold spaces, so the number of columns decides
// where the stack ends: a reader either knows it (SplitFoldedColumns) or
// takes one or two (SplitFoldedLine, flamesvg's auto-detection).

// One line of folded text, split but not interpreted: "a;b;c 12" gives
// stack "a;b;c" and counts {"12"}; a differential line "a;b;c 5 7" gives
// counts {"5", "7"}.
struct FoldedLine {
  std::string_view stack;
  std::string_view counts[2];
  int num_counts = 0;
};

// A metadata line ("# interval: 100", as austin and other profilers
// write): not a stack, skipped by every reader, never a bad line.
bool IsFoldedComment(std::string_view line);

// Splits a folded line at its trailing count field(s). Returns false when
// the line has no numeric count after a space. A trailing "\r" must already
// be gone (LineSplitter removes it).
bool SplitFoldedLine(std::string_view line, FoldedLine* out);

// Splits a folded line with exactly counts.size() trailing count columns:
// *stack is the text before them. Returns false when the line does not end
// in that many numbers after spaces, or no stack text is left.
bool SplitFoldedColumns(std::string_view line, std::string_view* stack,
                        std::span<std::string_view> counts);

// Parses an integer count ("123", "-5", "+4"); false if not an integer.
bool ParseIntCount(std::string_view text, int64_t* value);

// Parses a count that may be signed or fractional ("12", "-3", "+4",
// "0.25"; flamegraph.pl accepts decimals) into *value; false when it is no
// such number or not finite. Integers too big for an int64 still parse,
// rounded ("99999999999999999999" -> 1e20).
bool ParseCount(std::string_view text, double* value);

// Adds one line with out->columns() integer counts to *out, splitting the
// stack at ';' and interning each frame (`scratch` is reused between
// calls). Returns nullptr, or why the line was refused.
const char* AddFoldedLine(std::string_view line, FoldedStacks* out,
                          std::vector<uint32_t>* scratch);

// Reads folded text with out->columns() integer count columns into *out,
// merging equal stacks. Empty and comment lines are ignored; a line that
// does not parse
// is reported to *bad and skipped, and the read stops when the sink says so
// (--strict). Returns false on a read error or a stop.
bool ReadFolded(io::LineReader* reader, FoldedStacks* out,
                io::BadLineSink* bad);

// Writes "root;...;leaf V1 [V2 ...]\n" lines, one count per column, sorted
// in byte order of the stack text (what stackcollapse-perf.pl and inferno
// print).
void WriteFoldedSorted(const FoldedStacks& folded, io::OutputBuffer* out);

// Same, to a string (tests, small outputs).
std::string FoldedToString(const FoldedStacks& folded);

}  // namespace stack

#endif  // COMMON_STACK_FOLDED_TEXT_H_
