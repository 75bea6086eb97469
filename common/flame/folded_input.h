#ifndef COMMON_FLAME_FOLDED_INPUT_H_
#define COMMON_FLAME_FOLDED_INPUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/flame/frame_tree.h"
#include "common/io/bad_lines.h"
#include "common/io/line_reader.h"

namespace flame {

// Where the counts of one input go.
enum class CountSlot {
  kAny,     // "stack N" is a count (or a delta), "stack B A" a pair
  kBefore,  // --diff BEFORE file: "stack N" is a before-count
  kAfter,   // --diff AFTER file: "stack N" is an after-count
};

// What the reader saw, so the caller can decide whether the graph is
// differential and report on the input.
struct InputStats {
  uint64_t lines = 0;         // stacks added
  bool pairs = false;         // some "stack BEFORE AFTER" line
  bool signed_count = false;  // some "stack -N" or "stack +N" line
};

// How the input files are read.
struct InputOptions {
  double factor = 1;  // every count is multiplied by it (--factor)
  // --diff BEFORE AFTER: the first file's counts are before-counts, the
  // second's after-counts.
  bool diff_pair = false;
};

// Reads every file of `paths` ("-" is stdin, gzip is recognised) in turn,
// as ReadFoldedInput does, naming each in *bad. Returns false when a file
// cannot be opened or read (*error says why), or when *bad stopped the
// read (--strict; *error is then left empty).
bool ReadFoldedFiles(const std::vector<std::string>& paths,
                     const InputOptions& options, FrameTree* tree,
                     InputStats* stats, io::BadLineSink* bad,
                     std::string* error);

// Reads folded lines "root;...;leaf COUNT" or "... BEFORE AFTER" from
// `reader` into `tree`, multiplying every count by `factor`. Empty lines are
// ignored; a line that does not parse is reported to *bad and skipped, and
// the read stops right there when the sink says so (--strict). Returns
// false when it stopped early: bad->stopped(), or a read error
// (reader->ok() is false).
bool ReadFoldedInput(io::LineReader* reader, CountSlot slot, double factor,
                     FrameTree* tree, InputStats* stats, io::BadLineSink* bad);

// Classifies and adds one non-empty line; returns nullptr on success or the
// reason the line was rejected.
const char* AddFoldedInputLine(std::string_view line, CountSlot slot,
                               double factor, FrameTree* tree,
                               InputStats* stats);

}  // namespace flame

#endif  // COMMON_FLAME_FOLDED_INPUT_H_
