#include "common/pprof/trend_rule.h"

#include <algorithm>
#include <cmath>

namespace pprof {
namespace {

// The shape of a series: how often it rose, and its largest fall below an
// earlier peak (a path that only grows never falls).
struct Shape {
  int rising = 0;
  int64_t fall = 0;
};

Shape ShapeOf(std::span<const int64_t> v) {
  Shape s;
  int64_t peak = v[0];
  for (size_t k = 1; k < v.size(); ++k) {
    if (v[k] > v[k - 1]) ++s.rising;
    peak = std::max(peak, v[k]);
    s.fall = std::max(s.fall, AddWrap(peak, MulWrap(v[k], -1)));
  }
  return s;
}

int64_t Scaled(double granules, int64_t granularity) {
  const double v = std::ceil(granules * static_cast<double>(granularity));
  return v >= 9e18 ? INT64_MAX : static_cast<int64_t>(v);
}

TrendKind Classify(const TrendVerdict& v, int64_t net) {
  if (v.fall > v.tolerance) {
    return v.rising_steps == 0 ? TrendKind::kShrank : TrendKind::kComesBack;
  }
  if (net == 0) return TrendKind::kFlat;
  if (net < 0) return TrendKind::kShrank;
  if (net < v.threshold) return TrendKind::kSmallGrowth;
  if (v.rising_steps == v.steps) return TrendKind::kLeakEveryStep;
  // A slow leak seen through sampling has flat steps; one that rose at a
  // single step may be a bump that has not come back yet.
  const int needed = std::max(2, (v.steps + 1) / 2);
  return v.rising_steps >= needed ? TrendKind::kLeakSteady
                                  : TrendKind::kFewRises;
}

}  // namespace

TrendVerdict JudgeTrend(std::span<const int64_t> values, int64_t granularity,
                        const TrendOptions& o) {
  TrendVerdict v;
  if (values.size() < 2) return v;
  granularity = std::max<int64_t>(granularity, 1);
  const Shape s = ShapeOf(values);
  v.steps = static_cast<int>(values.size() - 1);
  v.rising_steps = s.rising;
  v.fall = s.fall;
  v.tolerance = Scaled(o.fall_tolerance, granularity);
  const int64_t first = std::max<int64_t>(values.front(), 0);
  v.threshold = std::max<int64_t>(
      {Scaled(std::max(o.min_growth_granules - 0.5, 0.0), granularity),
       static_cast<int64_t>(
           std::ceil(o.min_growth_share * static_cast<double>(first))),
       1});
  v.kind = Classify(v, AddWrap(values.back(), MulWrap(values.front(), -1)));
  return v;
}

std::string VerdictLabel(const TrendVerdict& v) {
  const std::string of = std::to_string(v.rising_steps) + " of " +
                         std::to_string(v.steps) + " steps";
  switch (v.kind) {
    case TrendKind::kLeakEveryStep:
      return "leak: every step";
    case TrendKind::kLeakSteady:
      return "leak: " + of;
    case TrendKind::kComesBack:
      return "comes back";
    case TrendKind::kFewRises:
      return "rose " + of;
    case TrendKind::kSmallGrowth:
      return "too small";
    case TrendKind::kShrank:
      return "shrank";
    case TrendKind::kNotJudged:
      return "not judged";
    case TrendKind::kFlat:
    default:
      return "flat";
  }
}

const char* VerdictName(TrendKind kind) {
  switch (kind) {
    case TrendKind::kLeakEveryStep:
      return "every_step";
    case TrendKind::kLeakSteady:
      return "steady";
    case TrendKind::kComesBack:
      return "comes_back";
    case TrendKind::kFewRises:
      return "few_rises";
    case TrendKind::kSmallGrowth:
      return "small_growth";
    case TrendKind::kShrank:
      return "shrank";
    case TrendKind::kNotJudged:
      return "not_judged";
    case TrendKind::kFlat:
    default:
      return "flat";
  }
}

int HeapPartnerIndex(const Profile& p, int sample_index) {
  if (p.period <= 1 || p.period_type.type != "space" || sample_index < 0 ||
      sample_index >= static_cast<int>(p.sample_types.size())) {
    return -1;
  }
  const std::string& t = p.sample_types[sample_index].type;
  const size_t us = t.rfind('_');
  if (us == std::string::npos) return -1;
  const std::string kind = t.substr(us + 1);
  if (kind != "space" && kind != "objects") return -1;
  const std::string other =
      t.substr(0, us + 1) + (kind == "space" ? "objects" : "space");
  for (size_t j = 0; j < p.sample_types.size(); ++j) {
    if (p.sample_types[j].type == other) return static_cast<int>(j);
  }
  return -1;
}

int64_t HeapSampleWorth(double object_size, int64_t period, bool bytes) {
  if (period <= 1 || !(object_size > 0)) return 1;
  const double p = 1 - std::exp(-object_size / static_cast<double>(period));
  const double worth = (bytes ? object_size : 1.0) / p;
  return worth >= 1 && worth < 9e18 ? static_cast<int64_t>(worth) : 1;
}

int64_t SamplingGranularity(const Profile& p, int sample_index) {
  if (p.period <= 1 || sample_index < 0 ||
      sample_index >= static_cast<int>(p.sample_types.size())) {
    return 1;
  }
  return p.sample_types[sample_index].unit == p.period_type.unit ? p.period : 1;
}

}  // namespace pprof
