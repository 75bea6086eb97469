#ifndef COMMON_PPROF_ALL_TYPES_H_
#define COMMON_PPROF_ALL_TYPES_H_

#include <string>

#include "common/pprof/diff.h"

namespace pprof {

// --all-types: every sample type side by side per function (flat values,
// after minus before), the average object size, and a status per row.
// Rows are functions with any non-zero flat value, largest change of the
// selected type first; `max_rows` 0 means all.
void WriteAllTypes(Comparison* c, const DiffOptions& options, int max_rows,
                   std::string* out);

}  // namespace pprof

#endif  // COMMON_PPROF_ALL_TYPES_H_
