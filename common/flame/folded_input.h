#ifndef COMMON_FLAME_FOLDED_INPUT_H_
#define COMMON_FLAME_FOLDED_INPUT_H_

#include <cstdint>
#include <string_view>

#include "common/flame/frame_tree.h"
#include "common/io/line_reader.h"
#include "common/stack/folded_text.h"

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

// Parses one count field ("12", "-3", "+4", "0.25") into *value.
bool ParseCount(std::string_view text, double* value);

// Reads folded lines "root;...;leaf COUNT" or "... BEFORE AFTER" from
// `reader` into `tree`, multiplying every count by `factor`. Empty lines are
// ignored; a line that does not parse is passed to
// `on_bad(line_number, reason)` and skipped; when on_bad returns false the
// read stops there (--strict). Returns false if it stopped early.
template <typename OnBad>
bool ReadFoldedInput(io::LineReader* reader, CountSlot slot, double factor,
                     FrameTree* tree, InputStats* stats, OnBad on_bad);

// ---- implementation ----

// Classifies and adds one non-empty line; returns nullptr on success or the
// reason the line was rejected.
const char* AddFoldedInputLine(std::string_view line, CountSlot slot,
                               double factor, FrameTree* tree,
                               InputStats* stats);

template <typename OnBad>
bool ReadFoldedInput(io::LineReader* reader, CountSlot slot, double factor,
                     FrameTree* tree, InputStats* stats, OnBad on_bad) {
  std::string_view line;
  while (reader->Next(&line)) {
    if (line.empty()) continue;
    const char* reason = AddFoldedInputLine(line, slot, factor, tree, stats);
    if (reason != nullptr && !on_bad(reader->line_number(), reason)) {
      return false;
    }
  }
  return true;
}

}  // namespace flame

#endif  // COMMON_FLAME_FOLDED_INPUT_H_
