#ifndef COMMON_FORMATS_PPROF_FOLDER_H_
#define COMMON_FORMATS_PPROF_FOLDER_H_

#include <string>

#include "common/formats/fold_options.h"
#include "common/pprof/profile.h"
#include "common/stack/folded_stacks.h"

namespace formats {

// Adds the samples of a pprof profile (any kind: CPU, heap, mutex, block,
// goroutine) to *out as folded stacks: root first, each location's inlined
// functions expanded into separate frames in caller order, the value of
// the chosen sample index as the count (samples with 0 are left out).
// Locations without symbols become their address ("0x4b9a7e"). pprof's
// drop_frames / keep_frames are applied first (which edits *profile).
// Returns false and sets *error for a bad --sample-index or regexp.
bool FoldProfile(pprof::Profile* profile, const FoldOptions& options,
                 stack::FoldedStacks* out, std::string* error);

}  // namespace formats

#endif  // COMMON_FORMATS_PPROF_FOLDER_H_
