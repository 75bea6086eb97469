#ifndef COMMON_PPROF_TOP_REPORT_H_
#define COMMON_PPROF_TOP_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/pprof/call_graph.h"
#include "common/pprof/profile.h"

namespace pprof {

// How to build a -top table; defaults are pprof's.
struct TopOptions {
  int sample_index = 0;
  bool cum_sort = false;
  int node_count = 0;  // 0: every node above the cutoff
  double node_fraction = 0.005;
  double edge_fraction = 0.001;
  Granularity granularity = Granularity::kFunctions;
  std::string unit = "minimum";  // pprof's -unit
  // More value columns (indexes into Sample::values) summed per row next to
  // the selected one, e.g. the "before" and "after" columns of a merge.
  std::vector<int> extra_columns;
  // Header lines right after "Type:" (a legacy profile's MemStats).
  std::vector<std::string> type_details;
  // "focus=..." lines for the "Active filters:" header.
  std::vector<std::string> active_filters;
};

// One row of the table: a function (or line, file ...), its flat and cum
// values of the selected column, and the same sums for the extra columns.
struct TopRow {
  std::string name;
  std::string inline_label;  // "", "(inline)" or "(partial-inline)"
  int64_t flat = 0;
  int64_t cum = 0;
  std::vector<int64_t> extra_flat;
  std::vector<int64_t> extra_cum;
};

// A -top report: header lines, rows in order, and how to format values.
struct TopReport {
  std::vector<std::string> labels;
  std::vector<TopRow> rows;
  int64_t total = 0;
  std::string sample_type;
  std::string sample_unit;
  std::string output_unit;
  // A value in the report's unit, as pprof prints it ("851.25kB").
  std::string Format(int64_t v) const;
};

// pprof's report total: the sum of absolute values of column `index`; when
// some samples are flagged as the diff base, the sum over those only.
int64_t ComputeTotal(const Profile& p, int index,
                     const std::vector<bool>* diff_base);

// Builds pprof's -top table from a profile (merged, filtered). Aggregates
// *p in place to the granularity. `total` is ComputeTotal before filtering
// (percentages stay relative to the whole profile, as in pprof).
TopReport BuildTop(Profile* p, const TopOptions& options, int64_t total);

// Writes the report as `go tool pprof -top` prints it.
void WriteTopText(const TopReport& report, std::string* out);

// "Jan 2, 2006 at 3:04pm (MST)" in the local time zone, as pprof's Time:.
std::string FormatProfileTime(int64_t time_nanos);

}  // namespace pprof

#endif  // COMMON_PPROF_TOP_REPORT_H_
