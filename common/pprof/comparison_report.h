#ifndef COMMON_PPROF_COMPARISON_REPORT_H_
#define COMMON_PPROF_COMPARISON_REPORT_H_

#include <string>
#include <vector>

#include "common/pprof/diff.h"
#include "common/pprof/load.h"
#include "common/pprof/trend_rule.h"

namespace pprof {

// heapdiff's views of one or two profiles.
enum class ReportView {
  kTop,       // pprof -top text (plus a legacy profile's MemStats line)
  kJson,      // the -top rows as JSON
  kFolded,    // folded stacks "stack BEFORE AFTER"
  kAllTypes,  // every sample type side by side
};

// Writes the chosen view of `after` against `before` (nullptr: `after`
// alone) to *out. Warnings for stderr (differing periods, filters that
// matched nothing) go to *warnings. Returns false with *error naming the
// files when the profiles cannot be compared. The views read only the
// merge: the inputs' samples are freed once merged (names and MemStats
// stay), so a view's own memory (the folded stacks) does not add to theirs.
bool WriteComparison(LoadedProfile* before, LoadedProfile* after,
                     const DiffOptions& options, ReportView view,
                     std::string* out, std::vector<std::string>* warnings,
                     std::string* error);

// Writes the series view of 3+ snapshots (oldest first; name filters are
// applied to them in place) as text with at most `max_rows` other changes,
// or as JSON. *leak_found says whether a call path is a leak suspect by
// the rule of trend_rule.h with `trend`'s thresholds.
bool WriteSnapshotSeries(std::vector<LoadedProfile>* snapshots,
                         const DiffOptions& options, const TrendOptions& trend,
                         bool json, int max_rows, std::string* out,
                         bool* leak_found, std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_COMPARISON_REPORT_H_
