#ifndef COMMON_PPROF_PRUNE_H_
#define COMMON_PPROF_PRUNE_H_

#include <string>
#include <string_view>

#include "common/pprof/profile.h"

namespace pprof {

// pprof's RemoveUninteresting: when the profile names drop_frames (and
// optionally keep_frames) regexps, removes from every stack the frames at
// and below (leafward of) the first matching frame found from the root,
// unless nothing but matching frames precede it. Returns false with *error
// when a regexp does not compile.
bool RemoveUninteresting(Profile* p, std::string* error);

// The function name used for drop/keep matching: the argument list cut off
// at the first "(" that is not part of "(anonymous namespace)" or
// "operator()".
std::string SimplifyFunctionName(std::string_view name);

}  // namespace pprof

#endif  // COMMON_PPROF_PRUNE_H_
