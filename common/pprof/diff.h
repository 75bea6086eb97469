#ifndef COMMON_PPROF_DIFF_H_
#define COMMON_PPROF_DIFF_H_

#include <string>
#include <vector>

#include "common/pprof/filter.h"
#include "common/pprof/load.h"
#include "common/pprof/merge.h"
#include "common/pprof/top_report.h"

namespace pprof {

// What the user asked of a comparison, in pprof's terms.
struct DiffOptions {
  std::string sample_index;  // name or number; "" = the profile's default
  bool diff_base = false;    // pprof's -diff_base instead of -base
  bool cum_sort = false;
  int node_count = 0;
  Granularity granularity = Granularity::kFunctions;
  std::string unit = "minimum";
  std::string focus, ignore, hide, show;
  // Merge only the selected type's values: every view but WriteAllTypes
  // reads no other, and a heap profile has four.
  bool selected_type_only = false;
};

// Two (or one) profiles merged for reporting: `after` minus `before`, with
// the raw columns of each side kept (see MergedProfile).
struct Comparison {
  MergedProfile merged;
  int sample_index = 0;   // the selected type
  int64_t total = 0;      // pprof's percentage base, before filters
  bool has_base = false;  // false: a single profile, nothing subtracted
  NameFilters filters;
  std::vector<std::string> warnings;  // e.g. differing sampling rates
  // Column indexes of the selected type in the raw before/after values.
  int before_column() const;
  int after_column() const;
  // The raw columns of the selected type, [before, after] or [after].
  std::vector<int> side_columns() const;
};

// Builds the comparison of `after` against `before` (nullptr: report
// `after` alone). Fails with *error on mismatched profiles, a bad sample
// index or a bad regexp.
bool Compare(const Profile* before, const Profile& after,
             const DiffOptions& options, Comparison* out, std::string* error);

// Applies the name filters to the merged profile, adding a warning for
// each filter that matched nothing.
void ApplyFilters(Comparison* c);

// The -top report of a comparison (filters applied inside), with
// `type_details` as header lines right after "Type:".
TopReport TopOfComparison(Comparison* c, const DiffOptions& options,
                          std::vector<int> extra_columns = {},
                          std::vector<std::string> type_details = {});

}  // namespace pprof

#endif  // COMMON_PPROF_DIFF_H_
