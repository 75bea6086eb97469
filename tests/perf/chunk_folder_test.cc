// Folding behaviour on small hand-written inputs: sample shapes, bad input,
// and that the thread count never changes the result.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "common/io/input_file.h"
#include "common/perf/collapser.h"
#include "common/perf/format_probe.h"
#include "common/stack/folded_text.h"
#include "tests/testing/temp_path.h"

namespace {

struct Folded {
  std::string text;
  uint64_t bad = 0;
  std::string first_bad;
  bool ok = true;
};

Folded FoldString(const std::string& input, perf::CollapseOptions opt = {},
                  int threads = 1, bool strict = false) {
  std::string path = testing_util::UniqueTempPath("chunk_folder");
  {
    std::ofstream f(path, std::ios::binary);
    f << input;
  }
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  perf::Collapser c(opt, threads);
  io::BadLineSink bad(strict);
  bad.set_source(in->name());
  Folded out;
  out.ok = c.Add(in.get(), &bad);
  out.text = stack::FoldedToString(c.result());
  out.bad = bad.count();
  if (out.bad) out.first_bad = bad.first().substr(path.size());
  return out;
}

const char kTwoSamples[] =
    "perfgen 11140   412.762638:    2004008 cpu-clock:pppH: \n"
    "\t            2e56 c_leaf_spin+0x26 (/opt/perfgen/perfgen)\n"
    "\t            31e2 main+0x72 (/opt/perfgen/perfgen)\n"
    "\n"
    "perfgen 11140   412.764642:    2004008 cpu-clock:pppH: \n"
    "\t            2e56 c_leaf_spin+0x30 (/opt/perfgen/perfgen)\n"
    "\t            31e2 main+0x72 (/opt/perfgen/perfgen)\n"
    "\n";

TEST(ChunkFolderTest, SumsPeriodsOfEqualStacks) {
  EXPECT_EQ(FoldString(kTwoSamples).text, "perfgen;main;c_leaf_spin 4008016\n");
}

TEST(ChunkFolderTest, CrlfAndMissingFinalBlankLine) {
  std::string crlf;
  for (char c : std::string(kTwoSamples)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  crlf.resize(crlf.size() - 2);  // drop the final blank line
  EXPECT_EQ(FoldString(crlf).text, "perfgen;main;c_leaf_spin 4008016\n");
}

TEST(ChunkFolderTest, EmptyStackCountsUnderComm) {
  EXPECT_EQ(FoldString("perfgen 1 1.0: 5 cpu-clock: \n\n").text, "perfgen 5\n");
}

TEST(ChunkFolderTest, EventFilterDefaultsToFirstEvent) {
  std::string in =
      "a 1 1.0: 7 page-faults: \n\tf1 f (/x)\n\n"
      "a 1 1.1: 9 cpu-clock: \n\tf2 g (/x)\n\n";
  EXPECT_EQ(FoldString(in).text, "a;f 7\n");
  perf::CollapseOptions opt;
  opt.event_filter = "cpu-clock";
  EXPECT_EQ(FoldString(in, opt).text, "a;g 9\n");
}

TEST(ChunkFolderTest, EmptyInputAndGarbage) {
  EXPECT_EQ(FoldString("").text, "");
  Folded g = FoldString("\x01\x02\xff garbage\nmore junk\n");
  EXPECT_EQ(g.text, "");
  EXPECT_EQ(g.bad, 2u);
  EXPECT_EQ(g.first_bad, ":1: not a sample header, and not inside a sample");
}

TEST(ChunkFolderTest, BadLinesDoNotLoseNeighbours) {
  std::string in = std::string(kTwoSamples) + "garbage line\n\n" +
                   std::string(1 << 20, 'x') + "\n\n" +
                   std::string("nul\0byte\n\n", 10) + kTwoSamples;
  Folded f = FoldString(in);
  EXPECT_EQ(f.text, "perfgen;main;c_leaf_spin 8016032\n");
  EXPECT_EQ(f.bad, 3u);
  EXPECT_EQ(f.first_bad, ":9: not a sample header, and not inside a sample");
}

TEST(ChunkFolderTest, StrictStopsAtTheFirstBadLineInAnyChunk) {
  // The bad line sits in the second of several 1 MiB chunks: its number is
  // counted in the whole input, and the fold stops (returns false) there.
  std::string in;
  int lines = 0;
  while (in.size() < (3u << 20)) {
    in += kTwoSamples;
    lines += 8;
  }
  in += "garbage line\n\n" + std::string(kTwoSamples);
  for (int threads : {1, 2}) {
    Folded f = FoldString(in, {}, threads, /*strict=*/true);
    EXPECT_FALSE(f.ok);
    EXPECT_EQ(f.bad, 1u);
    EXPECT_EQ(f.first_bad, ":" + std::to_string(lines + 1) +
                               ": not a sample header, and not inside a "
                               "sample");
  }
}

// A stray "word NUMBER" line inside a sample looks like an event-less
// header; it used to start a new sample and take the stack's remaining
// frames (hostile sweep, issue 17). Only a full header does that now.
TEST(ChunkFolderTest, StrayWordNumberLineInsideASampleIsABadLine) {
  Folded f = FoldString(
      "app 1 1.0: 1 cycles: \n\tffff a (/x)\njunk 123\n\tffff b (/x)\n\n");
  EXPECT_EQ(f.text, "app;b;a 1\n");
  EXPECT_EQ(f.bad, 1u);
  EXPECT_EQ(f.first_bad, ":3: unrecognized line inside a sample");
}

TEST(ChunkFolderTest, HundredThousandFrameStack) {
  std::string in = "deep 1 1.0: 1 cpu-clock: \n";
  for (int i = 0; i < 100000; ++i) {
    in += "\t" + std::to_string(1000 + i) + " f" + std::to_string(i % 7) +
          " (/x)\n";
  }
  in += "\n";
  std::string text = FoldString(in, {}, 2).text;
  EXPECT_EQ(std::count(text.begin(), text.end(), ';'), 100000);
  EXPECT_EQ(text.substr(0, 8), "deep;f4;");
  EXPECT_EQ(text.substr(text.size() - 6), ";f0 1\n");
}

TEST(ChunkFolderTest, SrclineAppendsFileAndLine) {
  std::string in =
      "p 1 1.0: 1 cpu-clock: \n"
      "\t2e56 leaf+0x1 (/x)\n  perfgen.cpp:260\n"
      "\tffff k+0x1 ([kernel.kallsyms])\n  [kernel.kallsyms][ffff]\n"
      "\t31e2 main+0x2 (/x)\n  perfgen.cpp:10\n\n";
  EXPECT_EQ(FoldString(in).text, "p;main;k;leaf 1\n");
  perf::CollapseOptions opt;
  opt.srcline = true;
  EXPECT_EQ(FoldString(in, opt).text,
            "p;main:perfgen.cpp:10;k;leaf:perfgen.cpp:260 1\n");
}

TEST(ChunkFolderTest, OneLineSamplesWithoutBlankLines) {
  std::string in;
  for (int i = 0; i < 50000; ++i) {
    in +=
        "         perfgen 14438   532.007055:    5 cpu-clock:pppH:      "
        "55b96d1e1de9 c_fib+0x39 (/opt/perfgen/perfgen)\n";
  }
  EXPECT_EQ(FoldString(in, {}, 2).text, "perfgen;c_fib 250000\n");
}

TEST(ChunkFolderTest, SameOutputForAnyThreadCount) {
  std::string in;
  for (int i = 0; i < 30000; ++i) {
    in += "comm " + std::to_string(i % 13) + " 1.0: " + std::to_string(i) +
          " cpu-clock: \n\t1 f" + std::to_string(i % 17) + " (/x)\n\t2 g" +
          std::to_string(i % 5) + " (/y)\n\n";
  }
  std::string one = FoldString(in, {}, 1).text;
  EXPECT_EQ(FoldString(in, {}, 2).text, one);
  EXPECT_EQ(FoldString(in, {}, 7).text, one);
}

}  // namespace

namespace {

// `perf script -F ip,sym`: an empty "header" line, the frames, a blank line.
const char kHeaderless[] =
    "\n"
    "\tffffffff8168a871 get_mem_cgroup_from_mm\n"
    "\t            3130 fault_touch_loop\n"
    "\t            31e2 run_syscalls\n"
    "\n"
    "\n"
    "\t            3130 fault_touch_loop\n"
    "\t            31e2 run_syscalls\n"
    "\n"
    "\n"
    "\t            3131 fault_touch_loop\n"
    "\t            31e2 run_syscalls\n"
    "\n";

TEST(ChunkFolderTest, HeaderlessSamplesFoldWithoutARoot) {
  Folded f = FoldString(kHeaderless);
  EXPECT_EQ(f.text,
            "run_syscalls;fault_touch_loop 2\n"
            "run_syscalls;fault_touch_loop;get_mem_cgroup_from_mm 1\n");
  EXPECT_EQ(f.bad, 0u);
  EXPECT_EQ(FoldString(kHeaderless, {}, 2).text, f.text);
  EXPECT_TRUE(perf::LooksLikePerfScript(kHeaderless));
}

TEST(ChunkFolderTest, FramesOutsideASampleAreBadWhenTheInputHasEvents) {
  // With sample headers in the input, a frame line after a blank line is
  // still a stray line, not a sample of its own.
  Folded f =
      FoldString(std::string(kTwoSamples) +
                 "\t            31e2 main+0x72 (/opt/perfgen/perfgen)\n");
  EXPECT_EQ(f.text, "perfgen;main;c_leaf_spin 4008016\n");
  EXPECT_EQ(f.bad, 1u);
  perf::CollapseOptions opt;
  opt.event_filter = "cpu-clock";
  EXPECT_EQ(FoldString(kHeaderless, opt).bad, 7u);
}

TEST(ChunkFolderTest, ProbeWantsMoreThanAFewBareFrames) {
  EXPECT_FALSE(perf::LooksLikePerfScript("\t3130 f\n\n\t31e2 g\n"));
  EXPECT_FALSE(perf::LooksLikePerfScript(
      "\t3130 f\n\t3130 f\n\t3130 f\n\t3130 f\nx\ny\nz\n"));
}

}  // namespace

namespace {

std::string SampleOf(const std::string& comm,
                     const std::vector<std::string>& frames) {
  std::string s = comm + " 1 1.0: 1 cpu-clock: \n";
  for (const std::string& f : frames) s += "\t  4a0 " + f + "\n";
  return s + "\n";
}

std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

// The frame cache first checks a line against the frame that followed the
// previous line last time, forward over the text. A line that looks like
// that frame but has another key must not take its names.
TEST(ChunkFolderTest, GuessedNextFrameIsOnlyTakenWhenTheKeyIsTheSame) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"f+0x1b+0x10 (/d)", "f+0x1b (/d)"},
      {"f+0x10 (/d)", "f (/d)"},
      {"g (x)+0x10", "g (x)"},
      {"(/d)", "+0x10(/d)"},
      {"f+0x10 (/d)", "f+0X10 (/d)"},
      {"f+0x10 (/d)", "f+0x10x (/d)"},
      {"f+0x10", "f+0x10 (/d)"},
  };
  for (const auto& [seen, tricky] : pairs) {
    const std::string first = SampleOf("a", {"leaf+0x1 (/d)", seen});
    const std::string second = SampleOf("b", {"leaf+0x2 (/d)", tricky});
    const std::string both = FoldString(first + second).text;
    const std::string alone = FoldString(first).text + FoldString(second).text;
    EXPECT_EQ(SortedLines(both), SortedLines(alone))
        << seen << " then " << tricky;
  }
}
