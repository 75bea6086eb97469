#ifndef COMMON_PPROF_SERIES_H_
#define COMMON_PPROF_SERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/pprof/diff.h"
#include "common/pprof/profile.h"
#include "common/pprof/trend_rule.h"

namespace pprof {

// One call path across snapshots: its frames (root first, function names,
// inlined calls as frames) and its value in each snapshot.
struct SeriesEntry {
  std::vector<std::string> frames;
  std::string stack;  // the frames as folded text, "root;...;leaf"
  std::vector<int64_t> values;
  bool monotonic = false;    // grew at every step
  int64_t growth = 0;        // last - first
  int64_t largest_step = 0;  // largest absolute change between neighbours
  // What one sample of this path stands for (in a sampled heap profile:
  // an allocation of the path's average object size, scaled up).
  int64_t granularity = 1;
  TrendVerdict trend;  // the leak rule's verdict (trend_rule.h)
  // Least-squares slope of the values: per hour when the profiles carry
  // their times (SeriesReport::span_seconds > 0), else per step.
  double rate = 0;
};

// Per-path value series over 3+ snapshots (oldest first). Leak suspects
// (TrendVerdict::leak) come first, fastest growth first, then the rest by
// largest single step.
struct SeriesReport {
  std::string sample_type;
  std::string unit;
  std::vector<std::string> snapshot_names;
  std::vector<int64_t> totals;
  // Seconds from the first snapshot, from the profiles' own times; empty
  // when a profile has no time or the times do not increase.
  std::vector<double> seconds;
  double span_seconds = 0;  // last - first of `seconds`; 0 when unknown
  // The sampling period in the sample type's unit or, for a sampled heap
  // profile, in bytes (heap_sampled); 1 for exact counts.
  int64_t period = 1;
  bool heap_sampled = false;
  // alloc_* counts every allocation since the program started: it only
  // grows, so the leak rule is not applied (every path would be a suspect).
  bool cumulative = false;
  TrendOptions trend_options;
  std::vector<SeriesEntry> entries;
  size_t monotonic_count = 0;  // entries that grew at every step
  size_t leak_count = 0;       // leak suspects, the first entries
};

// Builds the series and judges each path with `trend`. Profiles must be of
// the same kind; name filters apply to each (they are modified). Fails
// with *error otherwise.
bool BuildSeries(const std::vector<Profile*>& profiles,
                 const std::vector<std::string>& names,
                 const DiffOptions& options, const TrendOptions& trend,
                 SeriesReport* out, std::string* error);

// Text table: the rule and its thresholds, the suspects, then the
// `max_rows` largest other changes, each with its verdict.
void WriteSeriesText(const SeriesReport& r, int max_rows, std::string* out);

// JSON: sample_type, unit, snapshots, totals, total_before/total_after
// (first/last), monotonic (any path grew at every step), leak (any
// suspect), period, span_seconds (null when unknown), rate_unit,
// entries[] (first vs last per path, like a two-profile diff) and
// series[] with the values, granularity, verdict and rate.
void WriteSeriesJson(const SeriesReport& r, std::string* out);

}  // namespace pprof

#endif  // COMMON_PPROF_SERIES_H_
