// The N-column folded aggregate and its text form: one column (a plain
// profile), two (before/after) and N (a series) share one model.
#include <gtest/gtest.h>

#include <climits>
#include <fstream>
#include <string>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/folded_text.h"
#include "tests/testing/temp_path.h"

namespace {

// Reads `text` as a file through ReadFolded, as the tools do.
bool ReadText(const std::string& text, stack::FoldedStacks* out,
              io::BadLineSink* bad) {
  const std::string path = testing_util::UniqueTempPath("folded");
  std::ofstream(path) << text;
  std::string error;
  auto in = io::InputFile::Open(path, &error);
  EXPECT_TRUE(in) << error;
  io::LineReader reader(in.get());
  return stack::ReadFolded(&reader, out, bad);
}

std::vector<std::string_view> Frames(std::initializer_list<const char*> f) {
  return std::vector<std::string_view>(f.begin(), f.end());
}

TEST(MultiColumnTest, ColumnsAddIndependently) {
  stack::FoldedStacks f(3);
  f.AddNamesTo(Frames({"main", "work"}), 0, 5);
  f.AddNamesTo(Frames({"main", "work"}), 2, 7);
  f.AddNamesTo(Frames({"main", "idle"}), 1, 1);
  ASSERT_EQ(f.stacks.size(), 2u);
  EXPECT_EQ(f.stacks.Value(0, 0), 5);
  EXPECT_EQ(f.stacks.Value(0, 1), 0);
  EXPECT_EQ(f.stacks.Value(0, 2), 7);
  EXPECT_EQ(f.stacks.Total(1), 1);
  EXPECT_EQ(stack::FoldedToString(f), "main;idle 0 1 0\nmain;work 5 0 7\n");
}

TEST(MultiColumnTest, ValuesSaturate) {
  stack::StackCounts c(2);
  const uint32_t frames[] = {1, 2};
  const int64_t big[] = {INT64_MAX, INT64_MIN};
  c.Add(frames, big);
  c.Add(frames, big);
  EXPECT_EQ(c.Value(0, 0), INT64_MAX);
  EXPECT_EQ(c.Value(0, 1), INT64_MIN);
}

TEST(MultiColumnTest, MergeIntoBuildsBeforeAfterFromTwoProfiles) {
  stack::FoldedStacks before, after, both(2);
  before.AddNames(Frames({"a", "b"}), 3);
  after.AddNames(Frames({"a", "b"}), 4);
  after.AddNames(Frames({"a", "c"}), 9);
  both.MergeInto(before, 0);
  both.MergeInto(after, 1);
  EXPECT_EQ(stack::FoldedToString(both), "a;b 3 4\na;c 0 9\n");
  stack::FoldedStacks copy(2);
  copy.Merge(both);
  EXPECT_EQ(stack::FoldedToString(copy), "a;b 3 4\na;c 0 9\n");
}

TEST(MultiColumnTest, SplitColumnsKnowsWhereTheStackEnds) {
  std::string_view stack_text;
  std::string_view counts[2];
  // A frame name with a number in it ("pool worker 1") stays whole when one
  // column is expected, and is split off when two are.
  ASSERT_TRUE(stack::SplitFoldedColumns("x;pool worker 1 5", &stack_text,
                                        std::span(counts, 1)));
  EXPECT_EQ(stack_text, "x;pool worker 1");
  EXPECT_EQ(counts[0], "5");
  ASSERT_TRUE(
      stack::SplitFoldedColumns("x;y 1 5", &stack_text, std::span(counts, 2)));
  EXPECT_EQ(stack_text, "x;y");
  EXPECT_EQ(counts[0], "1");
  EXPECT_EQ(counts[1], "5");
  EXPECT_FALSE(
      stack::SplitFoldedColumns("x;y 5", &stack_text, std::span(counts, 2)));
  EXPECT_FALSE(
      stack::SplitFoldedColumns("x;y z", &stack_text, std::span(counts, 1)));
}

TEST(MultiColumnTest, ReadsTwoColumnsAndReportsBadLines) {
  stack::FoldedStacks f(2);
  io::BadLineSink bad;
  bad.set_source("x.folded");
  ASSERT_TRUE(ReadText("a;b 1 2\nnot folded\na;b 3 4\nc 5\n", &f, &bad));
  EXPECT_EQ(stack::FoldedToString(f), "a;b 4 6\n");
  EXPECT_EQ(bad.count(), 2u);
  EXPECT_EQ(bad.first(),
            "x.folded:2: not a folded line (too few count columns)");
}

TEST(MultiColumnTest, StrictSinkStopsAtTheFirstBadLine) {
  stack::FoldedStacks f;
  io::BadLineSink bad(/*strict=*/true);
  bad.set_source("-");
  EXPECT_FALSE(ReadText("a 1\nbad\nb 2\n", &f, &bad));
  EXPECT_TRUE(bad.stopped());
  EXPECT_EQ(bad.first(), "-:2: not a folded line (stack COUNT)");
  EXPECT_EQ(stack::FoldedToString(f), "a 1\n");
}

TEST(MultiColumnTest, CommentLinesAreNeitherStacksNorBadLines) {
  stack::FoldedStacks f;
  io::BadLineSink bad;
  ASSERT_TRUE(ReadText("# interval: 100\na;b 3\n#x 9\n", &f, &bad));
  EXPECT_EQ(stack::FoldedToString(f), "a;b 3\n");
  EXPECT_EQ(bad.count(), 0u);
}

TEST(BadLineSinkTest, MergeKeepsTheEarliestFirst) {
  io::BadLineSink a, b;
  a.set_source("f");
  b.set_source("f");
  EXPECT_TRUE(b.Report(40, "late"));
  io::BadLineSink empty;
  a.Merge(empty);
  EXPECT_EQ(a.count(), 0u);
  a.Merge(b);
  EXPECT_EQ(a.first(), "f:40: late");
  EXPECT_TRUE(a.Report(50, "later", 3));
  EXPECT_EQ(a.count(), 4u);
  EXPECT_EQ(a.first(), "f:40: late");
}

}  // namespace
