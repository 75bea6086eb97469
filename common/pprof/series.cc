#include "common/pprof/series.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "common/pprof/diff_views.h"
#include "common/pprof/folded.h"
#include "common/pprof/measurement.h"
#include "common/pprof/merge.h"
#include "common/pprof/prune.h"
#include "common/stack/folded_stacks.h"

namespace pprof {
namespace {

// Every profile of the same kind as the first.
bool CheckKinds(const std::vector<Profile*>& profiles,
                const std::vector<std::string>& names, std::string* error) {
  for (size_t i = 1; i < profiles.size(); ++i) {
    if (!Compatible(*profiles[0], *profiles[i], error)) {
      *error = names[i] + ": not the same kind of profile as " + names[0] +
               ": " + *error;
      return false;
    }
  }
  return true;
}

// Snapshot i as column i of one aggregate: the stacks stackfold gives for
// each profile (after the name filters and drop_frames). With a heap
// partner (the same memory in the other unit), snapshot i's partner values
// go to column n + i, for each path's object size.
bool FoldSnapshots(const std::vector<Profile*>& profiles, int index,
                   int partner, const NameFilters& filters,
                   stack::FoldedStacks* out, std::string* error) {
  const int n = static_cast<int>(profiles.size());
  for (int i = 0; i < n; ++i) {
    Profile& p = *profiles[i];
    if (!RemoveUninteresting(&p, error)) return false;
    ApplyNameFilters(filters, &p);
    const int indexes[] = {index};
    AddFoldedSamples(p, FoldOptions(), indexes, i, out);
    if (partner >= 0) {
      const int partners[] = {partner};
      AddFoldedSamples(p, FoldOptions(), partners, n + i, out);
    }
  }
  return true;
}

// What one sample of a path stands for: from its average object size over
// the snapshots in a sampled heap profile, else the report's period.
int64_t PathGranularity(const SeriesReport& r, std::span<const int64_t> v,
                        std::span<const int64_t> partner) {
  if (!r.heap_sampled) return r.period;
  const bool bytes = r.unit == "bytes";
  double objects = 0, space = 0;
  for (size_t k = 0; k < v.size(); ++k) {
    objects += static_cast<double>(bytes ? partner[k] : v[k]);
    space += static_cast<double>(bytes ? v[k] : partner[k]);
  }
  if (!(objects > 0)) return r.period;
  return HeapSampleWorth(space / objects, r.period, bytes);
}

// Seconds of each snapshot after the first, from the profiles' times;
// empty unless every profile has one and they increase.
std::vector<double> SnapshotSeconds(const std::vector<Profile*>& profiles) {
  std::vector<double> out;
  for (size_t i = 0; i < profiles.size(); ++i) {
    const int64_t t = profiles[i]->time_nanos;
    if (t <= 0 || (i > 0 && t <= profiles[i - 1]->time_nanos)) return {};
    out.push_back(static_cast<double>(t - profiles[0]->time_nanos) / 1e9);
  }
  return out;
}

// Least-squares slope of v over x.
double Slope(std::span<const int64_t> v, const std::vector<double>& x) {
  const double n = static_cast<double>(v.size());
  double mx = 0, my = 0;
  for (size_t k = 0; k < v.size(); ++k) {
    mx += x[k] / n;
    my += static_cast<double>(v[k]) / n;
  }
  double sxy = 0, sxx = 0;
  for (size_t k = 0; k < v.size(); ++k) {
    sxy += (x[k] - mx) * (static_cast<double>(v[k]) - my);
    sxx += (x[k] - mx) * (x[k] - mx);
  }
  return sxx > 0 ? sxy / sxx : 0;
}

// One entry per stack, with its growth, largest step, verdict and rate.
void AddEntries(const stack::FoldedStacks& folded, SeriesReport* out) {
  std::vector<double> x = out->seconds;
  double per = 3600;  // slope per second -> per hour
  if (x.empty()) {
    per = 1;
    for (size_t k = 0; k < out->totals.size(); ++k) x.push_back(k);
  }
  out->entries.reserve(folded.stacks.size());
  for (size_t i = 0; i < folded.stacks.size(); ++i) {
    SeriesEntry e;
    e.stack = folded.Join(i);
    for (uint32_t f : folded.stacks.Frames(i)) {
      e.frames.emplace_back(folded.symbols.Name(f));
    }
    std::span<const int64_t> all = folded.stacks.Values(i);
    std::span<const int64_t> v = all.first(out->totals.size());
    // A stack with values only in the partner columns (rounding).
    if (std::all_of(v.begin(), v.end(), [](int64_t x) { return x == 0; })) {
      continue;
    }
    e.values.assign(v.begin(), v.end());
    e.monotonic = true;
    for (size_t k = 1; k < v.size(); ++k) {
      int64_t step = AddWrap(v[k], MulWrap(v[k - 1], -1));
      if (step <= 0) e.monotonic = false;
      e.largest_step = std::max(e.largest_step, AbsWrap(step));
    }
    e.growth = AddWrap(v.back(), MulWrap(v.front(), -1));
    e.granularity = PathGranularity(*out, v, all.subspan(v.size()));
    if (out->cumulative) {
      e.trend.kind = TrendKind::kNotJudged;
    } else {
      e.trend = JudgeTrend(v, e.granularity, out->trend_options);
    }
    e.rate = Slope(v, x) * per;
    out->entries.push_back(std::move(e));
  }
}

// Suspects first, fastest growth first; then the largest movers.
void RankEntries(SeriesReport* out) {
  std::sort(out->entries.begin(), out->entries.end(),
            [](const SeriesEntry& a, const SeriesEntry& b) {
              const bool la = a.trend.leak(), lb = b.trend.leak();
              if (la != lb) return la;
              if (la && a.rate != b.rate) return a.rate > b.rate;
              int64_t ka = la ? a.growth : a.largest_step;
              int64_t kb = lb ? b.growth : b.largest_step;
              if (ka != kb) return ka > kb;
              return a.frames < b.frames;
            });
  out->monotonic_count = 0;
  out->leak_count = 0;
  for (const SeriesEntry& e : out->entries) {
    out->monotonic_count += e.monotonic;
    out->leak_count += e.trend.leak();
  }
}

}  // namespace

bool BuildSeries(const std::vector<Profile*>& profiles,
                 const std::vector<std::string>& names,
                 const DiffOptions& options, const TrendOptions& trend,
                 SeriesReport* out, std::string* error) {
  if (!CheckKinds(profiles, names, error)) return false;
  const Profile& first = *profiles[0];
  int index = first.SampleIndex(options.sample_index, error);
  if (index < 0) return false;
  NameFilters filters;
  if (!filters.Compile(options.focus, options.ignore, options.hide,
                       options.show, error)) {
    return false;
  }
  const size_t ns = profiles.size();
  out->sample_type = first.sample_types[index].type;
  out->unit = first.sample_types[index].unit;
  out->snapshot_names = names;
  out->cumulative = out->sample_type.rfind("alloc_", 0) == 0;
  const int partner = HeapPartnerIndex(first, index);
  out->heap_sampled = partner >= 0;
  out->period =
      out->heap_sampled ? first.period : SamplingGranularity(first, index);
  out->trend_options = trend;
  out->seconds = SnapshotSeconds(profiles);
  out->span_seconds = out->seconds.empty() ? 0 : out->seconds.back();
  stack::FoldedStacks folded(static_cast<int>(partner >= 0 ? 2 * ns : ns));
  if (!FoldSnapshots(profiles, index, partner, filters, &folded, error)) {
    return false;
  }
  out->totals.assign(ns, 0);
  for (size_t i = 0; i < ns; ++i) {
    for (const Sample s : profiles[i]->samples) {
      out->totals[i] = AddWrap(out->totals[i], s.values[index]);
    }
  }
  AddEntries(folded, out);
  RankEntries(out);
  return true;
}

}  // namespace pprof
