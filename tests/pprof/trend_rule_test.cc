// The leak rule over snapshot series (common/pprof/trend_rule.h): hand-made
// series with flat steps, noise, a sawtooth and bumps, and real Go heap
// profiles at the default MemProfileRate (testdata/heapdiff/trend).
#include "common/pprof/trend_rule.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/pprof/load.h"
#include "common/pprof/series.h"

namespace pprof {
namespace {

TrendVerdict Judge(std::vector<int64_t> v, int64_t g) {
  return JudgeTrend(v, g, TrendOptions());
}

TEST(TrendRule, EveryStepIsALeak) {
  TrendVerdict v = Judge({100, 200, 300, 400}, 10);
  EXPECT_EQ(v.kind, TrendKind::kLeakEveryStep);
  EXPECT_EQ(v.rising_steps, 3);
  EXPECT_EQ(VerdictLabel(v), "leak: every step");
}

TEST(TrendRule, FlatStepsOfSampledDataStillALeak) {
  // The issue's series: 14.73MB -> 16.25MB -> 16.25MB -> 19.30MB, one
  // sample per 512 KiB.
  TrendVerdict v = Judge({15445524, 17039360, 17039360, 20237516}, 524288);
  EXPECT_EQ(v.kind, TrendKind::kLeakSteady);
  EXPECT_TRUE(v.leak());
  EXPECT_EQ(VerdictLabel(v), "leak: 2 of 3 steps");
  EXPECT_EQ(v.threshold, 3.5 * 524288);
  EXPECT_EQ(v.tolerance, 786432);
}

TEST(TrendRule, NoiseWithinOneSampleIsTolerated) {
  // A dip of one sample (10) below the peak, clear net growth.
  TrendVerdict v = Judge({100, 150, 140, 200, 260}, 10);
  EXPECT_EQ(v.kind, TrendKind::kLeakSteady);
  EXPECT_EQ(v.fall, 10);
}

TEST(TrendRule, SawtoothAndBumpsComeBack) {
  EXPECT_EQ(Judge({0, 300, 0, 300, 0}, 10).kind, TrendKind::kComesBack);
  // A batch loaded and freed later; and one freed only partly.
  EXPECT_EQ(Judge({0, 400, 400, 0, 0}, 10).kind, TrendKind::kComesBack);
  EXPECT_EQ(Judge({100, 500, 300, 600}, 10).kind, TrendKind::kComesBack);
  EXPECT_EQ(VerdictLabel(Judge({0, 300, 0}, 10)), "comes back");
}

TEST(TrendRule, OneRiseCannotTellALeakFromABump) {
  TrendVerdict v = Judge({100, 100, 100, 500}, 10);
  EXPECT_EQ(v.kind, TrendKind::kFewRises);
  EXPECT_EQ(VerdictLabel(v), "rose 1 of 3 steps");
  // Three snapshots: a leak must rise at both steps.
  EXPECT_EQ(Judge({100, 100, 500}, 10).kind, TrendKind::kFewRises);
  EXPECT_EQ(Judge({100, 300, 500}, 10).kind, TrendKind::kLeakEveryStep);
}

TEST(TrendRule, SmallGrowthFlatAndShrinking) {
  // Net +30 < 3.5 samples of 10.
  EXPECT_EQ(Judge({100, 110, 120, 130}, 10).kind, TrendKind::kSmallGrowth);
  // Net +60 is 6 samples, but less than 10% of 1000.
  EXPECT_EQ(Judge({1000, 1020, 1040, 1060}, 10).kind, TrendKind::kSmallGrowth);
  EXPECT_EQ(Judge({5, 5, 5}, 10).kind, TrendKind::kFlat);
  EXPECT_EQ(Judge({300, 200, 100}, 10).kind, TrendKind::kShrank);
  EXPECT_EQ(Judge({300, 295, 290}, 10).kind, TrendKind::kShrank);
}

TEST(TrendRule, ThresholdsAreOptions) {
  TrendOptions o;
  o.min_growth_granules = 2;
  o.min_growth_share = 0;
  o.fall_tolerance = 0;
  std::vector<int64_t> v = {100, 110, 120, 130};
  EXPECT_EQ(JudgeTrend(v, 10, o).kind, TrendKind::kLeakEveryStep);
  std::vector<int64_t> dip = {100, 150, 140, 200};
  EXPECT_EQ(JudgeTrend(dip, 10, o).kind, TrendKind::kComesBack);
}

TEST(TrendRule, HeapSampleWorth) {
  // Go scales a sampled 16 KiB object by 1 / (1 - exp(-16384 / 524288)).
  EXPECT_EQ(HeapSampleWorth(16384, 524288, true), 532522);
  EXPECT_EQ(HeapSampleWorth(16384, 524288, false), 32);
  EXPECT_EQ(HeapSampleWorth(100, 1, true), 1);  // MemProfileRate = 1
}

const std::string kTrend = TESTDATA_DIR "/trend/";

struct Loaded {
  std::vector<LoadedProfile> profiles;
  SeriesReport report;
};

void BuildFrom(const std::string& dir, std::vector<int> which,
               const std::string& sample_index, Loaded* out) {
  std::vector<std::string> names;
  for (int i : which) {
    names.push_back(kTrend + dir + "/" + std::to_string(i) + ".heap");
    out->profiles.emplace_back();
    io::BadLineSink sink;
    std::string err;
    ASSERT_TRUE(LoadProfile(names.back(), &sink, &out->profiles.back(), &err))
        << err;
  }
  std::vector<Profile*> ps;
  for (LoadedProfile& l : out->profiles) ps.push_back(&l.profile);
  DiffOptions o;
  o.sample_index = sample_index;
  std::string err;
  ASSERT_TRUE(BuildSeries(ps, names, o, TrendOptions(), &out->report, &err))
      << err;
}

const SeriesEntry* Find(const SeriesReport& r, const std::string& leaf) {
  for (const SeriesEntry& e : r.entries) {
    if (e.frames.back() == leaf) return &e;
  }
  return nullptr;
}

TEST(TrendSeries, RealSlowLeakWithAFlatStepIsRankedFirst) {
  Loaded l;
  BuildFrom("leak", {1, 2, 3, 4, 5, 6}, "", &l);
  const SeriesReport& r = l.report;
  EXPECT_TRUE(r.heap_sampled);
  EXPECT_EQ(r.period, 524288);
  ASSERT_EQ(r.leak_count, 1u);
  const SeriesEntry& leak = r.entries[0];
  EXPECT_EQ(leak.frames.back(), "main.newSession");
  EXPECT_EQ(leak.values[1], leak.values[2]);  // the flat step
  EXPECT_FALSE(leak.monotonic);
  EXPECT_EQ(leak.trend.kind, TrendKind::kLeakSteady);
  // A little under 532650: Go truncates the scaled object count.
  EXPECT_EQ(leak.granularity, 532527);
  // Six snapshots two seconds apart, from the profiles' own times.
  ASSERT_EQ(r.seconds.size(), 6u);
  EXPECT_NEAR(r.span_seconds, 10, 1);
  EXPECT_GT(leak.rate, 0.5e9);  // about 1 GB per hour
  for (const char* healthy :
       {"main.decodeFrame", "main.loadBatch", "main.cacheFill"}) {
    const SeriesEntry* e = Find(r, healthy);
    ASSERT_NE(e, nullptr) << healthy;
    EXPECT_EQ(e->trend.kind, TrendKind::kComesBack) << healthy;
  }
  EXPECT_EQ(Find(r, "main.loadTable")->trend.kind, TrendKind::kFlat);
}

TEST(TrendSeries, FourSnapshotsAsInTheIssue) {
  Loaded l;
  BuildFrom("leak", {1, 2, 3, 4}, "", &l);
  ASSERT_EQ(l.report.leak_count, 1u);
  EXPECT_EQ(l.report.entries[0].frames.back(), "main.newSession");
  EXPECT_EQ(VerdictLabel(l.report.entries[0].trend), "leak: 2 of 3 steps");
}

TEST(TrendSeries, ObjectCountsUseThePathsObjectSize) {
  Loaded l;
  BuildFrom("leak", {1, 2, 3, 4, 5, 6}, "inuse_objects", &l);
  ASSERT_EQ(l.report.leak_count, 1u);
  EXPECT_EQ(l.report.entries[0].frames.back(), "main.newSession");
  EXPECT_EQ(l.report.entries[0].granularity, 32);
}

TEST(TrendSeries, AllocationsSinceStartAreNotJudged) {
  // alloc_space only grows: every allocating path would be a "leak".
  Loaded l;
  BuildFrom("leak", {1, 2, 3, 4, 5, 6}, "alloc_space", &l);
  EXPECT_TRUE(l.report.cumulative);
  EXPECT_EQ(l.report.leak_count, 0u);
  for (const SeriesEntry& e : l.report.entries) {
    EXPECT_EQ(e.trend.kind, TrendKind::kNotJudged);
  }
  std::string text;
  WriteSeriesText(l.report, 3, &text);
  EXPECT_NE(text.find("\nLeak suspects: not judged (alloc_space)\nLeak rule: "
                      "not applied: alloc_space counts every allocation since "
                      "the program started, so it only grows;\n"),
            std::string::npos)
      << text;
}

TEST(TrendSeries, HealthyServiceHasNoSuspect) {
  for (std::vector<int> which : std::vector<std::vector<int>>{
           {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4}, {2, 3, 4}, {3, 4, 5, 6}}) {
    Loaded l;
    BuildFrom("healthy", which, "", &l);
    EXPECT_EQ(l.report.leak_count, 0u) << which.size() << " from " << which[0];
  }
}

}  // namespace
}  // namespace pprof
