#include "common/pprof/legacy_heap.h"

#include <gtest/gtest.h>

#include "common/pprof/folded.h"
#include "common/pprof/load.h"
#include "common/stack/folded_text.h"

namespace pprof {
namespace {

// Two records: the first has an inlined call (runQuery inlined into func4:
// same entry 0x1000 = pc - offset) and a goexit address without a "#" line;
// the second is sampled at 512 KiB (heap/1048576).
constexpr char kText[] =
    "heap profile: 3: 3072 [5: 5120] @ heap/1048576\n"
    "1: 1024 [3: 3072] @ 0x2011 0x1031 0x1011 0x9001\n"
    "#\t0x2010\tmain.remember+0x10\t/src/a.go:76\n"
    "#\t0x1030\tmain.runQuery+0x30\t/src/a.go:84\n"
    "#\t0x1010\tmain.main.func4+0x10\t/src/a.go:121\n"
    "\n"
    "2: 2048 [2: 2048] @ 0x3001\n"
    "#\t0x3000\tmain.grow+0x0\t/src/b.go:5\n"
    "\n"
    "# runtime.MemStats\n"
    "# HeapInuse = 1835008\n"
    "# HeapObjects = 2209\n"
    "# NumGC = 34\n";

TEST(LegacyHeap, NamesFramesFromCommentsAndGroupsInlinedCalls) {
  Profile p;
  MemStats ms;
  io::BadLineSink skipped;
  std::string err;
  ASSERT_TRUE(ParseLegacyHeap(kText, &p, &ms, &skipped, &err)) << err;
  ASSERT_EQ(p.sample_types.size(), 4u);
  EXPECT_EQ(p.sample_types[3].type, "inuse_space");
  EXPECT_EQ(p.period, 524288);
  ASSERT_EQ(p.samples.size(), 2u);
  // remember, then one location with [runQuery (inlined), func4].
  const Sample& s = p.samples[0];
  ASSERT_EQ(s.locations.size(), 2u);
  const Location& inl = p.locations[s.locations[1]];
  ASSERT_EQ(inl.lines.size(), 2u);
  EXPECT_EQ(p.functions[inl.lines[0].function].name, "main.runQuery");
  EXPECT_EQ(inl.lines[0].line, 84);
  EXPECT_EQ(p.functions[inl.lines[1].function].name, "main.main.func4");
  // Root first, the inlined call its own frame.
  Profile first = p;
  first.samples.Truncate(1);
  FoldOptions o;
  o.lines = true;
  o.inline_marker = true;
  stack::FoldedStacks folded;
  const int inuse_space[] = {3};
  AddFoldedSamples(first, o, inuse_space, 0, &folded);
  EXPECT_EQ(stack::FoldedToString(folded),
            "main.main.func4:/src/a.go:121;main.runQuery:/src/a.go:84 "
            "(inline);main.remember:/src/a.go:76 524800\n");
  // Sampling correction: 1 x 1024 B at a 512 KiB rate.
  int64_t count, size;
  ScaleHeapSample(1, 1024, 524288, &count, &size);
  EXPECT_EQ(count, 512);
  EXPECT_EQ(size, 524800);
  EXPECT_EQ(s.values[2], count);
  EXPECT_EQ(s.values[3], size);
  ASSERT_EQ(s.labels.size(), 1u);
  EXPECT_EQ(s.labels[0].key, "bytes");
  EXPECT_EQ(s.labels[0].num, 1024);
  // MemStats.
  EXPECT_EQ(ms.Get("HeapInuse"), 1835008);
  EXPECT_EQ(ms.Get("NumGC"), 34);
  EXPECT_EQ(ms.Get("Missing"), -1);
  EXPECT_EQ(skipped.count(), 0u);
}

TEST(LegacyHeap, RateOneIsNotScaled) {
  int64_t count, size;
  ScaleHeapSample(200, 409600, 1, &count, &size);
  EXPECT_EQ(count, 200);
  EXPECT_EQ(size, 409600);
  ScaleHeapSample(0, 0, 524288, &count, &size);
  EXPECT_EQ(count, 0);
}

TEST(LegacyHeap, MalformedRecordsAreSkippedAndCountedOrFatalWhenStrict) {
  std::string text =
      "heap profile: 1: 10 [1: 10] @ heap/2\n"
      "1: 10 [1: 10] @ 0x11\n"
      "#\t0x10\tmain.a+0x0\t/a.go:1\n"
      "\n"
      "garbage line\n"
      "1: 10 [1: 10] @ 0x21\n"
      "#\t0x20\tmain.b+0x0\t/a.go:2\n";
  Profile p;
  MemStats ms;
  io::BadLineSink skipped;
  skipped.set_source("x.heap");
  std::string err;
  ASSERT_TRUE(ParseLegacyHeap(text, &p, &ms, &skipped, &err));
  EXPECT_EQ(p.samples.size(), 2u);
  EXPECT_EQ(skipped.count(), 1u);
  EXPECT_EQ(skipped.first(), "x.heap:5: malformed heap record");
  // Strict: the parse stops at the bad line; the record after it is never
  // read.
  io::BadLineSink strict(/*strict=*/true);
  strict.set_source("x.heap");
  MemStats ms2;
  ASSERT_TRUE(ParseLegacyHeap(text, &p, &ms2, &strict, &err));
  EXPECT_TRUE(strict.stopped());
  EXPECT_EQ(strict.first(), "x.heap:5: malformed heap record");
  EXPECT_EQ(p.samples.size(), 1u);
}

TEST(LegacyHeap, StrayLineInsideARecordKeepsItsStackWhole) {
  std::string text =
      "heap profile: 1: 10 [1: 10] @ heap/2\n"
      "1: 10 [1: 10] @ 0x11 0x21\n"
      "#\t0x10\tmain.leaf+0x0\t/a.go:1\n"
      "some noise\n"
      "#\t0x20\tmain.root+0x0\t/a.go:2\n"
      "\n"
      "1: 10 [0: 5] @ 0x31\n"  // count 0 with bytes: skipped with its frames
      "#\t0x30\tmain.bad+0x0\t/a.go:3\n";
  Profile p;
  MemStats ms;
  io::BadLineSink skipped;
  std::string err;
  ASSERT_TRUE(ParseLegacyHeap(text, &p, &ms, &skipped, &err));
  ASSERT_EQ(p.samples.size(), 1u);
  ASSERT_EQ(p.samples[0].locations.size(), 2u);
  EXPECT_EQ(skipped.count(), 2u);
  EXPECT_EQ(skipped.first_line(), 4u);
  for (const Function& f : p.functions) EXPECT_NE(f.name, "main.bad");
}

TEST(LegacyHeap, BadHeaderIsAnError) {
  LoadedProfile lp;
  io::BadLineSink sink;
  std::string err;
  EXPECT_FALSE(LoadProfileFromBytes("x.heap", "heap profile: nonsense\n", &sink,
                                    &lp, &err));
  EXPECT_EQ(err, "x.heap: line 1: not a heap profile header");
}

TEST(LegacyHeap, HugeSizesDoNotOverflow) {
  std::string text =
      "heap profile: 1: 1073741824 [1: 1073741824] @ heap/2\n"
      "1: 1073741824 [1: 1073741824] @ 0x11\n"
      "#\t0x10\tmain.main.func6+0x0\t/s.go:127\n";
  Profile p;
  MemStats ms;
  io::BadLineSink skipped;
  std::string err;
  ASSERT_TRUE(ParseLegacyHeap(text, &p, &ms, &skipped, &err));
  ASSERT_EQ(p.samples.size(), 1u);
  // No alloc column differs, so only objects/space.
  ASSERT_EQ(p.sample_types.size(), 2u);
  EXPECT_EQ(p.samples[0].values[1], 1073741824);
}

}  // namespace
}  // namespace pprof
