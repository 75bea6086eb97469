#ifndef COMMON_PPROF_FOLDED_H_
#define COMMON_PPROF_FOLDED_H_

#include <span>
#include <string>

#include "common/pprof/profile.h"
#include "common/stack/folded_stacks.h"

namespace pprof {

// How a pprof profile becomes folded stacks; the same for stackfold,
// `heapdiff --folded` and the heapdiff series, so one profile gives the
// same stacks whichever tool reads it.
struct FoldOptions {
  std::string sample_index;    // "" = the profile's default type
  bool lines = false;          // append ":file:line" to frames
  std::string tag;             // label key whose value becomes a root frame
  bool inline_marker = false;  // append " (inline)" to inlined frames
  bool trim_runtime = false;   // drop runtime.goexit/main/mstart roots
  bool keep_shapes = false;    // keep "F[go.shape.int]" (default "F[...]")
};

// THE pprof -> folded converter. Adds every sample of `p` as a folded stack,
// as `go tool pprof -traces` names frames: root first, each location's
// inlined calls expanded into frames in caller order, "[unknown]" for a
// function without a name, the address ("0x4b9a7e") for a location without
// symbols, "[no frames]" for an empty stack. The sample value at
// value_indexes[k] goes to column first_column + k of *out; zero values are
// left out (a sample that is zero in every column adds no stack).
void AddFoldedSamples(const Profile& p, const FoldOptions& options,
                      std::span<const int> value_indexes, int first_column,
                      stack::FoldedStacks* out);

// stackfold's use: resolves options.sample_index, applies the profile's
// drop_frames / keep_frames as pprof does (which edits *p), and adds the
// samples to column 0. Returns false and sets *error for a bad
// --sample-index or regexp.
bool FoldProfile(Profile* p, const FoldOptions& options,
                 stack::FoldedStacks* out, std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_FOLDED_H_
