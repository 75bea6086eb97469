#ifndef COMMON_PPROF_TREND_RULE_H_
#define COMMON_PPROF_TREND_RULE_H_

#include <cstdint>
#include <span>
#include <string>

#include "common/pprof/profile.h"

namespace pprof {

// The thresholds of the leak rule over a snapshot series (README
// "heapdiff", flags --leak-*). A unit of "granularity" is what one sample
// stands for: heap profiles record one allocation per MemProfileRate bytes
// (512 KiB by default) and scale it up, so a path's in-use value moves in
// steps of about that size, and may stay flat while it slowly grows.
struct TrendOptions {
  // A fall below the path's earlier peak of more than this many
  // granularities means the memory came back: a bump or a sawtooth.
  double fall_tolerance = 1.5;
  // The net growth (last - first) must come to at least this many
  // granularities, rounded to the nearest (so sampled values that are a
  // little under N samples' worth count as N) ...
  double min_growth_granules = 4;
  // ... and at least this share of the path's first value.
  double min_growth_share = 0.10;
};

// What the rule says about one path's series, and why.
enum class TrendKind {
  kLeakEveryStep,  // leak: grew at every step
  kLeakSteady,     // leak: grew at most steps, flat ones within tolerance
  kComesBack,      // fell more than the tolerance below its peak
  kFewRises,       // grew at too few steps to tell a leak from a bump
  kSmallGrowth,    // net growth below the threshold
  kFlat,           // no net change
  kShrank,         // net decrease
  kNotJudged,      // the values only count up (alloc_*): no verdict
};

struct TrendVerdict {
  TrendKind kind = TrendKind::kFlat;
  int rising_steps = 0;   // steps with a value above the one before
  int steps = 0;          // snapshots - 1
  int64_t fall = 0;       // largest fall below an earlier peak
  int64_t threshold = 0;  // the net growth a leak needs on this path
  int64_t tolerance = 0;  // the fall a leak may have
  bool leak() const {
    return kind == TrendKind::kLeakEveryStep || kind == TrendKind::kLeakSteady;
  }
};

// Judges one path's values (oldest first, at least 3) with `granularity`
// (> 0, in the values' unit).
TrendVerdict JudgeTrend(std::span<const int64_t> values, int64_t granularity,
                        const TrendOptions& options);

// The verdict in a few words for a table column ("leak: 4 of 5 steps",
// "comes back").
std::string VerdictLabel(const TrendVerdict& v);

// A stable name for JSON: "every_step", "steady", "comes_back",
// "few_rises", "small_growth", "flat", "shrank".
const char* VerdictName(TrendKind kind);

// The sample type of `p` that measures the same heap memory as
// `sample_index` in the other unit (inuse_objects <-> inuse_space,
// alloc_objects <-> alloc_space), when `p` is a sampled heap profile
// (period type space, period > 1); -1 otherwise.
int HeapPartnerIndex(const Profile& p, int sample_index);

// What one sample stands for in a sampled heap profile: Go records one
// allocation of `object_size` bytes with probability 1 - exp(-size/period)
// and scales it by the inverse, in bytes or (objects) in object counts.
int64_t HeapSampleWorth(double object_size, int64_t period, bool bytes);

// What one sample of `sample_index` stands for when the profile is not a
// sampled heap profile: the period when the sample type has the period's
// unit (CPU nanoseconds), else 1 (exact counts).
int64_t SamplingGranularity(const Profile& p, int sample_index);

}  // namespace pprof

#endif  // COMMON_PPROF_TREND_RULE_H_
