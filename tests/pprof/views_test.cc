// heapdiff's views beyond pprof: series, folded, JSON, all types, and the
// refusals of mismatched profiles.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/pprof/all_types.h"
#include "common/pprof/diff.h"
#include "common/pprof/diff_views.h"
#include "common/pprof/load.h"
#include "common/pprof/series.h"
#include "tests/pprof/load_util.h"

namespace pprof {
namespace {

const std::string kLocal = TESTDATA_DIR "/";

TEST(Series, OnlyTheLeakIsASuspect) {
  std::vector<LoadedProfile> ls;
  std::vector<Profile*> ps;
  std::vector<std::string> names;
  for (int i = 1; i <= 5; ++i) {
    names.push_back("series/" + std::to_string(i) + ".heap");
    ls.push_back(LoadForTest(kLocal + names.back()));
  }
  for (auto& l : ls) ps.push_back(&l.profile);
  SeriesReport r;
  std::string err;
  ASSERT_TRUE(BuildSeries(ps, names, DiffOptions(), TrendOptions(), &r, &err))
      << err;
  EXPECT_EQ(r.sample_type, "inuse_space");
  ASSERT_EQ(r.monotonic_count, 1u);
  ASSERT_EQ(r.leak_count, 1u);
  EXPECT_FALSE(r.heap_sampled);  // MemProfileRate = 1: exact counts
  const SeriesEntry& leak = r.entries[0];
  EXPECT_EQ(leak.frames.back(), "main.registerClient");
  EXPECT_EQ(leak.trend.kind, TrendKind::kLeakEveryStep);
  EXPECT_EQ(leak.values,
            (std::vector<int64_t>{518144, 1036288, 1556480, 2080768, 2592768}));
  // The sawtooth is the largest mover but is not a suspect.
  const SeriesEntry& saw = r.entries[1];
  EXPECT_EQ(saw.frames.back(), "main.decodeFrame");
  EXPECT_FALSE(saw.monotonic);
  EXPECT_EQ(saw.trend.kind, TrendKind::kComesBack);
  EXPECT_GT(saw.largest_step, 3000000);
  // main.loadTable: flat, not a suspect either.
  bool found_table = false;
  for (const SeriesEntry& e : r.entries) {
    if (e.frames.back() == "main.loadTable") {
      found_table = true;
      EXPECT_FALSE(e.monotonic);
      EXPECT_EQ(e.growth, 0);
      EXPECT_EQ(e.trend.kind, TrendKind::kFlat);
    }
  }
  EXPECT_TRUE(found_table);
  std::string json;
  WriteSeriesJson(r, &json);
  EXPECT_NE(json.find("\"monotonic\":true,\"leak\":true,\"period\":1,"),
            std::string::npos);
  EXPECT_NE(json.find("\"name\":\"main.registerClient\",\"stack\":"
                      "\"runtime.main;main.main;main.registerClient\","
                      "\"values\":[518144,1036288,1556480,2080768,2592768],"
                      "\"growth\":2074624,\"monotonic\":true,\"granularity\":1,"
                      "\"leak\":true,\"verdict\":\"every_step\","),
            std::string::npos)
      << json.substr(0, 600);
}

TEST(Views, FoldedJsonAndAllTypes) {
  LoadedProfile a = LoadForTest(kLocal + "1.heap"),
                b = LoadForTest(kLocal + "2.heap");
  DiffOptions o;
  {
    Comparison c;
    std::string err;
    ASSERT_TRUE(Compare(&a.profile, b.profile, o, &c, &err)) << err;
    std::string folded;
    WriteFoldedDiff(c, &folded);
    EXPECT_NE(folded.find("\nnet/http.(*conn).serve;net/http.serverHandler."
                          "ServeHTTP;net/http.(*ServeMux).ServeHTTP;net/http."
                          "HandlerFunc.ServeHTTP;main.main.func4;main.runQuery;"
                          "main.remember 63488 253952\n"),
              std::string::npos);
  }
  {
    Comparison c;
    std::string err;
    o.node_count = 1;
    ASSERT_TRUE(Compare(&a.profile, b.profile, o, &c, &err));
    TopReport r = TopOfComparison(&c, o, c.side_columns());
    std::string json;
    WriteJson(c, r, nullptr, nullptr, &json);
    EXPECT_EQ(json,
              "{\"sample_type\":\"inuse_space\",\"unit\":\"bytes\","
              "\"total\":1918928,\"total_before\":1052800,\"total_after\":"
              "2870928,\"entries\":[\n{\"name\":\"main.newSession\","
              "\"inline\":\"\",\"flat\":871680,\"cum\":871680,\"before\":"
              "433816,\"after\":1305496,\"flat_before\":433816,\"flat_after\":"
              "1305496,\"status\":\"grown\"}]}\n");
  }
  {
    Comparison c;
    std::string err;
    ASSERT_TRUE(Compare(&a.profile, b.profile, DiffOptions(), &c, &err));
    std::string all;
    WriteAllTypes(&c, DiffOptions(), 2, &all);
    EXPECT_EQ(all,
              "Type: all sample types, flat per function, after - before; "
              "sorted by inuse_space\n"
              " alloc_objects    alloc_space  inuse_objects    inuse_space  "
              " avg size status  name\n"
              "          +809      +874.67kB           +800      +851.25kB  "
              "   1.06kB grown   main.newSession\n"
              "          +602         +652kB           +600         +620kB  "
              "   1.03kB grown   main.recordEvent\n");
  }
}

TEST(Views, JsonEscapesNames) {
  std::string s;
  io::AppendJsonString("a\"b\\c\n\x01", &s);
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(Views, StatusWords) {
  EXPECT_EQ(ChangeStatus(0, 5), "new");
  EXPECT_EQ(ChangeStatus(5, 0), "gone");
  EXPECT_EQ(ChangeStatus(5, 7), "grown");
  EXPECT_EQ(ChangeStatus(7, 5), "shrunk");
  EXPECT_EQ(ChangeStatus(5, 5), "same");
}

TEST(Compare, RefusesProfilesOfDifferentKinds) {
  LoadedProfile heap = LoadForTest(kLocal + "1.heap");
  Profile cpu;
  cpu.sample_types = {{"samples", "count"}, {"cpu", "nanoseconds"}};
  cpu.period_type = {"cpu", "nanoseconds"};
  Comparison c;
  std::string err;
  EXPECT_FALSE(Compare(&heap.profile, cpu, DiffOptions(), &c, &err));
  EXPECT_EQ(err,
            "profiles are of different kinds: incompatible period types "
            "cpu/nanoseconds and space/bytes");
}

TEST(Compare, WarnsAboutDifferentSamplingPeriods) {
  LoadedProfile a = LoadForTest(kLocal + "1.heap"),
                b = LoadForTest(kLocal + "2.heap");
  b.profile.period = 524288;
  Comparison c;
  std::string err;
  ASSERT_TRUE(Compare(&a.profile, b.profile, DiffOptions(), &c, &err));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0],
            "sampling periods differ (1 and 524288); values are compared as "
            "recorded");
}

TEST(Compare, RefusesBadRegexps) {
  LoadedProfile a = LoadForTest(kLocal + "1.heap");
  DiffOptions o;
  o.hide = "(";
  Comparison c;
  std::string err;
  EXPECT_FALSE(Compare(nullptr, a.profile, o, &c, &err));
  EXPECT_EQ(err.rfind("parsing hide regexp: ", 0), 0u) << err;
}

}  // namespace
}  // namespace pprof
