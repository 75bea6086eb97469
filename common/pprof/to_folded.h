#ifndef COMMON_PPROF_TO_FOLDED_H_
#define COMMON_PPROF_TO_FOLDED_H_

#include "common/pprof/profile.h"
#include "common/stack/folded_stacks.h"

namespace pprof {

// Adds every sample of `p` to *out as a folded stack: function names root
// first, inlined calls as their own frames, weighted by the sample's value
// at `sample_index`. Zero-valued samples are skipped; a location without
// symbols becomes its address ("0x4a1b2c"). For stackfold and flamesvg.
void AppendFolded(const Profile& p, int sample_index, stack::FoldedStacks* out);

}  // namespace pprof

#endif  // COMMON_PPROF_TO_FOLDED_H_
