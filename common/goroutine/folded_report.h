#ifndef COMMON_GOROUTINE_FOLDED_REPORT_H_
#define COMMON_GOROUTINE_FOLDED_REPORT_H_

// The --folded report: each cluster as "root;...;top;[state] COUNT", the
// goroutine count as the weight, so `flamesvg` draws a goroutine flame
// graph. Equal function stacks merge; lines come out sorted.

#include "common/goroutine/analysis.h"
#include "common/stack/folded_stacks.h"

namespace goroutine {

// Adds the visible clusters of `a` (not the gone ones) to *out.
void AddFoldedClusters(const Analysis& a, stack::FoldedStacks* out);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_FOLDED_REPORT_H_
