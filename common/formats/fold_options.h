#ifndef COMMON_FORMATS_FOLD_OPTIONS_H_
#define COMMON_FORMATS_FOLD_OPTIONS_H_

#include <string>

#include "common/formats/input_format.h"
#include "common/perf/collapse_options.h"

namespace formats {

// How stackfold turns any input into folded stacks.
struct FoldOptions {
  // Force a format instead of detecting it (kUnknown = detect).
  InputFormat format = InputFormat::kUnknown;
  perf::CollapseOptions perf;  // perf script input
  int threads = 1;             // perf script input
  bool strict = false;         // first malformed line/record is fatal

  // pprof input (also legacy heap text).
  std::string sample_index;    // "" = the profile's default type
  bool lines = false;          // append ":file:line" to frames
  std::string tag;             // label key whose value becomes a root frame
  bool inline_marker = false;  // append " (inline)" to inlined frames

  // Go tidying, pprof and goroutine input.
  bool trim_runtime = false;  // drop runtime.goexit/main/mstart roots
  bool keep_shapes = false;   // keep "F[go.shape.int]" (default "F[...]")
};

}  // namespace formats

#endif  // COMMON_FORMATS_FOLD_OPTIONS_H_
