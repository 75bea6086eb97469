#ifndef COMMON_PPROF_DIFF_VIEWS_H_
#define COMMON_PPROF_DIFF_VIEWS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/io/json_string.h"
#include "common/pprof/diff.h"
#include "common/pprof/legacy_heap.h"

namespace pprof {

// Why a row changed between two profiles.
std::string_view ChangeStatus(int64_t before, int64_t after);

// The comparison as folded stacks, "root;...;leaf BEFORE AFTER" (or
// "root;...;leaf COUNT" for a single profile) sorted by stack, for
// flamesvg --diff: the stacks stackfold gives for each profile (pprof's
// AddFoldedSamples), before and after as two columns.
void WriteFoldedDiff(const Comparison& c, std::string* out);

// The -top rows (built with c.side_columns() as extra columns) as JSON:
// sample_type, unit, total (pprof's), total_before, total_after, entries[] of
// {name, inline, flat, cum, before, after, flat_before, flat_after, status}
// (numbers in the sample unit; before and after are cumulative values of each
// side), plus the legacy MemStats of each side when given.
void WriteJson(const Comparison& c, const TopReport& r,
               const MemStats* before_stats, const MemStats* after_stats,
               std::string* out);

// The "# runtime.MemStats" lines worth a glance, before -> after.
void WriteMemStatsSummary(const MemStats* before, const MemStats& after,
                          std::string* out);

}  // namespace pprof

#endif  // COMMON_PPROF_DIFF_VIEWS_H_
