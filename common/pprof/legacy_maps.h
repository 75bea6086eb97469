#ifndef COMMON_PPROF_LEGACY_MAPS_H_
#define COMMON_PPROF_LEGACY_MAPS_H_

#include <string_view>

#include "common/pprof/profile.h"

namespace pprof::legacy {

// The end of every legacy profile, as pprof's ParseMemoryMapFromScanner:
// reads the /proc/PID/maps text in `maps` (the lines after a memory-map
// sentinel; may be empty) into mappings (executable entries only, the
// "$attr=value" substitutions and glog prefixes honoured), merges adjacent
// ones, moves the main binary first, then keeps only the locations the
// samples use (in first-use order) and gives each address a mapping (a
// fake one covering everything when none fits). Unrecognised lines are
// ignored, as pprof does.
void FinishWithMemoryMap(std::string_view maps, Profile* p);

// pprof's cleanupDuplicateLocations (CPU and threadz): a leaf recorded
// twice, once from the signal context and once unwound (adjusted by -1),
// keeps only the first.
void CleanupDuplicateLocations(Profile* p);

}  // namespace pprof::legacy

#endif  // COMMON_PPROF_LEGACY_MAPS_H_
