#include "common/flame/folded_input.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "common/io/bad_lines.h"

namespace flame {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(FoldedInputTest, ParsesCountsAndRejectsBadLines) {
  FrameTree tree;
  InputStats stats;
  EXPECT_STREQ(
      AddFoldedInputLine("no count here", CountSlot::kAny, 1, &tree, &stats),
      "no count at the end of the line");
  EXPECT_STREQ(AddFoldedInputLine("a -1 5", CountSlot::kAny, 1, &tree, &stats),
               "negative count in a BEFORE AFTER pair");
  EXPECT_STREQ(
      AddFoldedInputLine("a 1 5", CountSlot::kBefore, 1, &tree, &stats),
      "two counts in a --diff input (give one count per stack)");
  EXPECT_EQ(AddFoldedInputLine("a b c 7", CountSlot::kAny, 2, &tree, &stats),
            nullptr);
  EXPECT_EQ(tree.Path(1), "a b c");
  EXPECT_EQ(tree.nodes()[1].after, 14);
  EXPECT_EQ(stats.lines, 1u);
}

TEST(FoldedInputTest, BadLinesGoToTheSinkAndGoodLinesStay) {
  const std::string path =
      WriteTemp("bad.folded", "a;b 1\ngarbage\nc 2\nd 1 x\ne 3\n");
  FrameTree tree;
  InputStats stats;
  io::BadLineSink bad;
  std::string error;
  ASSERT_TRUE(
      ReadFoldedFiles({path}, InputOptions{}, &tree, &stats, &bad, &error));
  EXPECT_EQ(stats.lines, 3u);
  EXPECT_EQ(bad.count(), 2u);
  EXPECT_EQ(bad.first(), path + ":2: no count at the end of the line");
  EXPECT_EQ(error, "");
}

TEST(FoldedInputTest, StrictStopsAtTheFirstBadLine) {
  const std::string path = WriteTemp("strict.folded", "a 1\nbad\nb 2\n");
  FrameTree tree;
  InputStats stats;
  io::BadLineSink bad(/*strict=*/true);
  std::string error;
  EXPECT_FALSE(ReadFoldedFiles({path, path}, InputOptions{}, &tree, &stats,
                               &bad, &error));
  EXPECT_TRUE(bad.stopped());
  EXPECT_EQ(bad.count(), 1u);
  EXPECT_EQ(stats.lines, 1u);  // "b 2" and the second file are not read
  EXPECT_EQ(error, "");
}

TEST(FoldedInputTest, DiffPairReadsBeforeThenAfterAndFactor) {
  const std::string before = WriteTemp("before.folded", "a 5\n");
  const std::string after = WriteTemp("after.folded", "a 7\n");
  FrameTree tree;
  InputStats stats;
  io::BadLineSink bad;
  std::string error;
  InputOptions options;
  options.diff_pair = true;
  options.factor = 2;
  ASSERT_TRUE(
      ReadFoldedFiles({before, after}, options, &tree, &stats, &bad, &error));
  EXPECT_EQ(tree.nodes()[1].before, 10);
  EXPECT_EQ(tree.nodes()[1].after, 14);
  EXPECT_FALSE(stats.pairs);
}

TEST(FoldedInputTest, UnreadableFileIsAnError) {
  FrameTree tree;
  InputStats stats;
  io::BadLineSink bad;
  std::string error;
  EXPECT_FALSE(ReadFoldedFiles({"/nonexistent/x.folded"}, InputOptions{}, &tree,
                               &stats, &bad, &error));
  EXPECT_EQ(error, "/nonexistent/x.folded: No such file or directory");
}

}  // namespace
}  // namespace flame
