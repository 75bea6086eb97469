#ifndef COMMON_FORMATS_FOLD_OPTIONS_H_
#define COMMON_FORMATS_FOLD_OPTIONS_H_

#include <string>

#include "common/formats/input_format.h"
#include "common/io/limits.h"
#include "common/perf/collapse_options.h"
#include "common/pprof/folded.h"

namespace formats {

// How stackfold turns any input into folded stacks. The pprof options
// (sample index, --lines, --tag, inline marker) are the converter's own;
// its Go tidying (--trim-runtime, --keep-shapes, and --lines) applies to
// goroutine input too.
struct FoldOptions : pprof::FoldOptions {
  // Force a format instead of detecting it (kUnknown = detect).
  InputFormat format = InputFormat::kUnknown;
  perf::CollapseOptions perf;  // perf script input
  int threads = 1;             // perf script input
  bool strict = false;         // first malformed line/record is fatal
  // Profiles are read whole: at most this many bytes after decompression.
  uint64_t max_input_bytes = io::kDefaultMaxWholeInput;
};

}  // namespace formats

#endif  // COMMON_FORMATS_FOLD_OPTIONS_H_
