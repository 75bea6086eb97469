// Detection of the legacy pprof formats and DTrace text, and the trial
// parse that decides when no probe is sure.
#include <gtest/gtest.h>

#include <string>

#include "common/formats/input_format.h"
#include "common/formats/trial_parse.h"

namespace {

using formats::DetectFormat;
using formats::InputFormat;

constexpr char kDtrace[] =
    "CPU     ID                    FUNCTION:NAME\n"
    "  0  64091                        :tick-60s\n"
    "\n\n"
    "              unix`i86_mwait+0xd\n"
    "              unix`thread_start+0x8\n"
    "             1641\n";

TEST(LegacyDetectionTest, EachLegacyFormatAndDtraceByItsOwnProbe) {
  EXPECT_EQ(DetectFormat("--- contention:\ncycles/second=1\n"),
            InputFormat::kContention);
  EXPECT_EQ(DetectFormat("--- mutex:\ncycles/second=1\n"),
            InputFormat::kContention);
  EXPECT_EQ(DetectFormat("--- threadz 1 ---\n\n--- Thread 7f (name: a/1) "
                         "stack: ---\n  PC: 0x1\n"),
            InputFormat::kThreadz);
  const char cpu[] = {0, 0, 0,    0,    3, 0, 0, 0, 0, 0,
                      0, 0, 0x10, 0x27, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(DetectFormat(std::string(cpu, sizeof(cpu))),
            InputFormat::kLegacyCpu);
  EXPECT_EQ(DetectFormat("heap profile: 1: 1 [0: 0] @ growthz\n"),
            InputFormat::kLegacyHeap);
  EXPECT_EQ(DetectFormat(kDtrace), InputFormat::kDtrace);
  // perf's frames are no DTrace frames.
  EXPECT_EQ(DetectFormat("perfgen 11140   412.762638:    2004008 "
                         "cpu-clock:pppH: \n\t2e56 f+0x1 (/x)\n"),
            InputFormat::kPerfScript);
}

TEST(TrialParseTest, FoldedWithOneJunkLineInThreeIsFolded) {
  const std::string text = "a;b 3\njunk here\nc;d 4\n";
  EXPECT_EQ(DetectFormat(text), InputFormat::kUnknown);  // probes unsure
  std::string why;
  EXPECT_EQ(formats::DetectByTrialParse(text, &why), InputFormat::kFolded);
  const formats::TrialResult r = formats::TryParse(InputFormat::kFolded, text);
  EXPECT_EQ(r.good, 2u);
  EXPECT_EQ(r.bad, 1u);
}

TEST(TrialParseTest, MostlyJunkIsCantTellAndSaysWhy) {
  std::string why;
  EXPECT_EQ(formats::DetectByTrialParse("main;x 1\nfoo bar\nbaz\nqux\n", &why),
            InputFormat::kUnknown);
  EXPECT_EQ(why, "folded read 1 lines, rejected 3");
  EXPECT_EQ(formats::DetectByTrialParse("hello world\nthis is prose\n", &why),
            InputFormat::kUnknown);
  EXPECT_EQ(why, "");
}

TEST(TrialParseTest, DtraceWithABrokenStackIsStillDtrace) {
  // The probe wants a count after the first stack; a trial parse reads on.
  const std::string text =
      "\n 7\n  unix`idle+0x1\n  unix`thread_start+0x8\n  12\n"
      "  unix`idle+0x1\n  5\n";
  std::string why;
  EXPECT_EQ(formats::DetectByTrialParse(text, &why), InputFormat::kDtrace)
      << why;
}

}  // namespace
