// The model helpers other tools reuse: drop_frames pruning and folding.
#include <gtest/gtest.h>

#include "common/pprof/folded.h"
#include "common/pprof/prune.h"
#include "common/pprof/top_report.h"
#include "common/stack/folded_text.h"

namespace pprof {
namespace {

std::vector<uint32_t> Locations(const Profile& p, size_t sample) {
  std::span<const uint32_t> l = p.samples.locations(sample);
  return std::vector<uint32_t>(l.begin(), l.end());
}

// root -> main.work -> runtime.mallocgc -> runtime.nextFreeFast (leaf), and
// a stack of runtime frames only.
Profile Sample3() {
  Profile p;
  p.sample_types = {{"samples", "count"}};
  for (const char* n : {"runtime.main", "main.work", "runtime.mallocgc",
                        "runtime.nextFreeFast"}) {
    Function f;
    f.name = n;
    p.functions.push_back(f);
  }
  for (uint32_t i = 0; i < 4; ++i) {
    Location l;
    l.id = i + 1;
    l.lines.push_back(Line{i, 10});
    p.locations.push_back(l);
  }
  p.samples.Add(std::vector<uint32_t>{3, 2, 1, 0},  // leaf first
                std::vector<int64_t>{5});
  // Runtime only: never pruned to nothing.
  p.samples.Add(std::vector<uint32_t>{3, 2}, std::vector<int64_t>{2});
  return p;
}

TEST(Prune, DropFramesCutTheLeafEndAfterTheFirstUserFrame) {
  Profile p = Sample3();
  p.drop_frames = "runtime\\..*";
  std::string err;
  ASSERT_TRUE(RemoveUninteresting(&p, &err)) << err;
  EXPECT_EQ(Locations(p, 0), (std::vector<uint32_t>{1, 0}));
  EXPECT_EQ(Locations(p, 1), (std::vector<uint32_t>{3, 2}));
}

TEST(Prune, KeepFramesWinOverDropFrames) {
  Profile p = Sample3();
  p.drop_frames = "runtime\\..*";
  p.keep_frames = "runtime.mallocgc";
  std::string err;
  ASSERT_TRUE(RemoveUninteresting(&p, &err));
  EXPECT_EQ(Locations(p, 0), (std::vector<uint32_t>{2, 1, 0}));
  p.drop_frames = "(";
  EXPECT_FALSE(RemoveUninteresting(&p, &err));
}

TEST(Prune, SimplifiedNames) {
  EXPECT_EQ(SimplifyFunctionName("foo::bar(int, char)"), "foo::bar");
  EXPECT_EQ(SimplifyFunctionName("(anonymous namespace)::f(int)"),
            "(anonymous namespace)::f");
  EXPECT_EQ(SimplifyFunctionName("Functor::operator()(int)"),
            "Functor::operator()");
  EXPECT_EQ(SimplifyFunctionName(".ppc_fn"), "ppc_fn");
  EXPECT_EQ(SimplifyFunctionName("main.(*T).m"), "main.");  // as pprof does
}

TEST(Folded, RootFirstWithInlinedFrames) {
  Profile p = Sample3();
  // Location 1 (main.work) gets an inlined helper.
  Function h;
  h.name = "main.helper";
  p.functions.push_back(h);
  p.locations[1].lines.insert(p.locations[1].lines.begin(), Line{4, 3});
  Location bare;
  bare.address = 0x4a1b2c;
  p.locations.push_back(bare);
  p.samples.Add(std::vector<uint32_t>{4, 0}, std::vector<int64_t>{1});
  stack::FoldedStacks folded;
  const int index[] = {0};
  AddFoldedSamples(p, FoldOptions(), index, 0, &folded);
  EXPECT_EQ(stack::FoldedToString(folded),
            "runtime.main;0x4a1b2c 1\n"
            "runtime.main;main.work;main.helper;runtime.mallocgc;"
            "runtime.nextFreeFast 5\n"
            "runtime.mallocgc;runtime.nextFreeFast 2\n");
}

}  // namespace
}  // namespace pprof

namespace pprof {
namespace {

// 20,000-frame stacks (one distinct, one recursive) go through the report
// without recursion, each frame counted once per sample in cum.
TEST(DeepStacks, TopReportHandlesThem) {
  Profile p;
  p.sample_types = {{"samples", "count"}};
  const uint32_t kDepth = 20000;
  for (uint32_t i = 0; i < kDepth; ++i) {
    Function f;
    f.name = "f" + std::to_string(i);
    p.functions.push_back(f);
    Location l;
    l.lines.push_back(Line{i, 0});
    p.locations.push_back(l);
  }
  std::vector<uint32_t> distinct;
  for (uint32_t i = 0; i < kDepth; ++i) distinct.push_back(i);
  p.samples.Add(distinct, std::vector<int64_t>{3});
  const std::vector<uint32_t> recursive(kDepth, 7);
  p.samples.Add(recursive, std::vector<int64_t>{2});
  TopOptions o;
  o.node_fraction = 0;
  TopReport r = BuildTop(&p, o, 5);
  ASSERT_EQ(r.rows.size(), kDepth);
  EXPECT_EQ(r.rows[0].name, "f0");  // leaf of the distinct stack
  EXPECT_EQ(r.rows[0].flat, 3);
  EXPECT_EQ(r.rows[1].name, "f7");  // all of the recursive stack
  EXPECT_EQ(r.rows[1].flat, 2);
  EXPECT_EQ(r.rows[1].cum, 5);  // counted once per sample
}

}  // namespace
}  // namespace pprof
