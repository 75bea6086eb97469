#include "common/formats/input_format.h"

#include <gtest/gtest.h>

#include <string>

#include "common/goroutine/format_probe.h"
#include "common/perf/format_probe.h"
#include "common/pprof/format_probe.h"
#include "common/pprof/legacy_heap.h"
#include "common/stack/folded_probe.h"
#include "common/stack/go_names.h"

namespace {

using formats::DetectFormat;
using formats::InputFormat;

TEST(DetectFormatTest, RecognisesEachFormatFromItsFirstBytes) {
  EXPECT_EQ(DetectFormat("perfgen 11140   412.762638:    2004008 "
                         "cpu-clock:pppH: \n\t2e56 f+0x1 (/x)\n"),
            InputFormat::kPerfScript);
  EXPECT_EQ(DetectFormat("# ========\n# captured on: Sun\n"),
            InputFormat::kPerfScript);
  EXPECT_EQ(DetectFormat("   perfgen 1 1.0: 5 cpu-clock:  55b9 c_fib+0x39 "
                         "(/opt/perfgen/perfgen)\n"),
            InputFormat::kPerfScript);
  EXPECT_EQ(DetectFormat(std::string("\x0a\x0e\x08\x01\x10\x02\x12\x00", 8)),
            InputFormat::kPprof);
  EXPECT_EQ(DetectFormat("heap profile: 1471: 1234 [9: 9] @ heap/1048576\n"),
            InputFormat::kLegacyHeap);
  EXPECT_EQ(DetectFormat("goroutine profile: total 5019\n4000 @ 0x43b256\n"),
            InputFormat::kLegacyCount);
  EXPECT_EQ(DetectFormat("threadcreate profile: total 7\n"),
            InputFormat::kLegacyCount);
  EXPECT_EQ(DetectFormat("goroutine 1 [running]:\nmain.main()\n"),
            InputFormat::kGoroutineDump);
  EXPECT_EQ(DetectFormat("panic: boom\n\ngoroutine 7 gp=0xc0 m=0 mp=0x1 "
                         "[chan send, 3 minutes]:\n"),
            InputFormat::kGoroutineDump);
  EXPECT_EQ(DetectFormat("2024/01/01 12:00:00 goroutine 5 [select]:\n"),
            InputFormat::kGoroutineDump);
  EXPECT_EQ(DetectFormat("main;work;spin 12\nmain;idle 3\n"),
            InputFormat::kFolded);
  EXPECT_EQ(DetectFormat("a;b 3 5\n"), InputFormat::kFolded);
  EXPECT_EQ(DetectFormat("hello world\nthis is prose\n"),
            InputFormat::kUnknown);
  EXPECT_EQ(DetectFormat(""), InputFormat::kUnknown);
}

// The detection head (64 KiB) can end inside a line: a folded file whose
// stacks are deep has lines longer than the head. Found by the hostile
// input table (a 1 MiB line, a 100,000-frame stack).
TEST(DetectFormatTest, FoldedWithLinesLongerThanTheHead) {
  std::string deep;
  for (int i = 0; deep.size() < 70000; ++i) {
    deep += "f" + std::to_string(i) + ";";
  }
  const std::string head = deep.substr(0, 65536);  // no count, no newline
  EXPECT_EQ(DetectFormat(head), InputFormat::kFolded);
  EXPECT_EQ(DetectFormat("main;a 1\n" + head), InputFormat::kFolded);
  EXPECT_EQ(DetectFormat("main;a 1\nmain;b 2\n" + std::string(65536, 'x')),
            InputFormat::kFolded);
  // A complete line without a count is still not folded text, and a cut
  // line without any ';' says nothing.
  EXPECT_EQ(DetectFormat("main;a\n" + head), InputFormat::kUnknown);
  EXPECT_EQ(DetectFormat(std::string(65536, 'x')), InputFormat::kUnknown);
  EXPECT_EQ(DetectFormat("not folded\n"), InputFormat::kUnknown);
}

TEST(FormatNameTest, RoundTrips) {
  for (InputFormat f : {InputFormat::kPerfScript, InputFormat::kPprof,
                        InputFormat::kLegacyHeap, InputFormat::kLegacyCount,
                        InputFormat::kGoroutineDump, InputFormat::kFolded}) {
    InputFormat back;
    ASSERT_TRUE(formats::ParseFormatName(formats::FormatName(f), &back));
    EXPECT_EQ(back, f);
  }
  InputFormat f;
  EXPECT_FALSE(formats::ParseFormatName("xml", &f));
}

TEST(GoNamesTest, ShortensShapesAndTrimsRuntimeRoots) {
  std::string out;
  stack::AppendShortGeneric("main.Map[go.shape.int_0,go.shape.string_1].Get",
                            &out);
  EXPECT_EQ(out, "main.Map[...].Get");
  out.clear();
  stack::AppendShortGeneric("main.F[...]", &out);
  EXPECT_EQ(out, "main.F[...]");
  std::vector<std::string> s = {"runtime.goexit.abi0", "runtime.main",
                                "main.main"};
  stack::TrimRuntimeRoots(&s);
  EXPECT_EQ(s, std::vector<std::string>{"main.main"});
  s = {"runtime.goexit"};
  stack::TrimRuntimeRoots(&s);
  EXPECT_EQ(s.size(), 1u);
}

}  // namespace

// Each parser's own probe answers for its format only: detection asks them
// in order and never re-implements a grammar.
TEST(FormatProbeTest, EachProbeKnowsOnlyItsOwnFormat) {
  const std::string perf =
      "perfgen 11140   412.762638:    2004008 cpu-clock:pppH: \n"
      "\t2e56 f+0x1 (/x)\n";
  const std::string dump = "goroutine 1 [running]:\nmain.main()\n";
  const std::string count = "goroutine profile: total 5\n5 @ 0x43b256\n";
  const std::string heap = "heap profile: 1: 2 [3: 4] @ heap/524288\n";
  const std::string folded = "main;work 12\nmain;idle 3\n";
  EXPECT_TRUE(perf::LooksLikePerfScript(perf));
  EXPECT_FALSE(perf::LooksLikePerfScript(dump));
  EXPECT_FALSE(perf::LooksLikePerfScript(folded));
  // Frame lines indented with spaces, or not at all, and a header without
  // a timestamp (perf-java-stacks-02, perf-js-stacks-01 of the shared
  // conformance suite) are perf script as the parser reads them.
  EXPECT_TRUE(perf::LooksLikePerfScript(
      "java 19983 cycles:\nffffffff8103d0ca native_write_msr_safe "
      "([kernel.kallsyms])\n"));
  EXPECT_TRUE(perf::LooksLikePerfScript(
      "node-v011 31912 cpu-clock: \n            13a80b608e0a RegExp:[&<>] "
      "(/tmp/perf-7539.map)\n"));
  // perf script --max-stack 0: headers with empty stacks.
  EXPECT_TRUE(perf::LooksLikePerfScript(
      "mixed-sys 14275   526.029746:    5025125 cpu-clock:pppH: \n\n"
      "perfgen 14272   526.033892:    5025125 cpu-clock:pppH: \n\n"));
  // A header followed by a line that is not a frame is not enough.
  EXPECT_FALSE(perf::LooksLikePerfScript(
      "perfgen 11140 412.762638: 2004008 cpu-clock:pppH: \n\tnot a frame\n"));
  EXPECT_TRUE(goroutine::LooksLikeGoroutineDump(dump));
  EXPECT_TRUE(goroutine::LooksLikeGoroutineDump(
      "2024/01/01 12:00:00 goroutine 5 [select]:\n"));
  EXPECT_FALSE(goroutine::LooksLikeGoroutineDump("goroutine 5 is stuck\n"));
  EXPECT_FALSE(goroutine::LooksLikeGoroutineDump(count));
  EXPECT_TRUE(goroutine::LooksLikeCountProfile(count));
  EXPECT_TRUE(
      goroutine::LooksLikeCountProfile("threadcreate profile: total 7"));
  EXPECT_FALSE(goroutine::LooksLikeCountProfile(dump));
  uint64_t total = 0;
  EXPECT_TRUE(goroutine::ParseCountProfileHeader(
      "goroutine profile: total 5019", &total));
  EXPECT_EQ(total, 5019u);
  EXPECT_TRUE(pprof::LooksLikeLegacyHeap(heap));
  EXPECT_FALSE(pprof::LooksLikeLegacyHeap(count));
  EXPECT_TRUE(
      pprof::LooksLikeProfileProto(std::string("\x0a\x0e\x08\x01\x10\x02", 6)));
  EXPECT_FALSE(pprof::LooksLikeProfileProto(heap));
  EXPECT_TRUE(stack::LooksLikeFolded(folded));
  EXPECT_FALSE(stack::LooksLikeFolded(dump));
}

TEST(FormatNameTest, HelpAndMessagesComeFromTheOneTable) {
  EXPECT_EQ(formats::FormatNames(),
            "perf, pprof, heap-text, count-text, contention-text, threadz, "
            "cpu-legacy, goroutines, dtrace, folded");
  EXPECT_EQ(formats::FormatDescriptions(),
            "perf script text, a pprof profile, a Go heap profile in text, a "
            "goroutine, goroutineleak or threadcreate profile in text, a "
            "contention, mutex or block profile in text, a threadz profile, "
            "a legacy binary CPU profile, a goroutine dump, DTrace stack "
            "text, folded stacks");
}
