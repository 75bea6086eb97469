#ifndef COMMON_PPROF_SERIES_H_
#define COMMON_PPROF_SERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/pprof/diff.h"
#include "common/pprof/profile.h"

namespace pprof {

// One call path across snapshots: its frames (root first, function names,
// inlined calls as frames) and its value in each snapshot.
struct SeriesEntry {
  std::vector<std::string> frames;
  std::string stack;  // the frames as folded text, "root;...;leaf"
  std::vector<int64_t> values;
  bool monotonic = false;    // grew at every step: the leak signature
  int64_t growth = 0;        // last - first
  int64_t largest_step = 0;  // largest absolute change between neighbours
};

// Per-path value series over 3+ snapshots (oldest first). Entries that grew
// at every step come first (largest total growth first), then the rest by
// largest single step.
struct SeriesReport {
  std::string sample_type;
  std::string unit;
  std::vector<std::string> snapshot_names;
  std::vector<int64_t> totals;
  std::vector<SeriesEntry> entries;
  size_t monotonic_count = 0;
};

// Builds the series. Profiles must be of the same kind; name filters apply
// to each (they are modified). Fails with *error otherwise.
bool BuildSeries(const std::vector<Profile*>& profiles,
                 const std::vector<std::string>& names,
                 const DiffOptions& options, SeriesReport* out,
                 std::string* error);

// Text table: suspects, then the `max_rows` largest other changes.
void WriteSeriesText(const SeriesReport& r, int max_rows, std::string* out);

// JSON: sample_type, unit, snapshots, totals, total_before/total_after
// (first/last), monotonic (any path grew at every step), entries[] (first
// vs last per path, like a two-profile diff) and series[] with the values.
void WriteSeriesJson(const SeriesReport& r, std::string* out);

}  // namespace pprof

#endif  // COMMON_PPROF_SERIES_H_
