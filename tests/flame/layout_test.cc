#include "common/flame/layout.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "common/flame/folded_input.h"
#include "common/io/line_reader.h"

namespace flame {
namespace {

// Feeds folded text into a tree; every line must parse.
InputStats Feed(std::string_view text, FrameTree* tree) {
  InputStats stats;
  io::LineSplitter lines(text);
  std::string_view line;
  while (lines.Next(&line)) {
    if (line.empty()) continue;
    const char* bad =
        AddFoldedInputLine(line, CountSlot::kAny, 1, tree, &stats);
    EXPECT_EQ(bad, nullptr) << line;
  }
  return stats;
}

struct Box {
  double x, width;
  uint32_t depth;
};

// "path" -> box, for frames that were drawn.
std::map<std::string, Box> Boxes(const FrameTree& tree, const Layout& layout) {
  std::map<std::string, Box> out;
  for (const LaidFrame& f : layout.frames) {
    out[f.node == 0 ? "all" : tree.Path(f.node)] = {f.x, f.width, f.depth};
  }
  return out;
}

LayoutOptions NoPruning() {
  LayoutOptions o;
  o.min_width_px = 0;
  return o;
}

TEST(LayoutTest, WidthsAndPositionsAreProportionalToCounts) {
  FrameTree tree;
  Feed("d 4\na;c 1\na;b 3\n", &tree);
  Layout layout = ComputeLayout(&tree, NoPruning());
  auto boxes = Boxes(tree, layout);
  ASSERT_EQ(boxes.size(), 5u);
  EXPECT_EQ(layout.total, 8);
  EXPECT_EQ(layout.max_depth, 2u);
  // Siblings in name order, children after the parent's own time.
  EXPECT_DOUBLE_EQ(boxes["all"].width, 8);
  EXPECT_DOUBLE_EQ(boxes["a"].x, 0);
  EXPECT_DOUBLE_EQ(boxes["a"].width, 4);
  EXPECT_DOUBLE_EQ(boxes["a;b"].x, 0);
  EXPECT_DOUBLE_EQ(boxes["a;b"].width, 3);
  EXPECT_DOUBLE_EQ(boxes["a;c"].x, 3);
  EXPECT_DOUBLE_EQ(boxes["a;c"].width, 1);
  EXPECT_DOUBLE_EQ(boxes["d"].x, 4);
  EXPECT_EQ(boxes["a;b"].depth, 2u);
  EXPECT_EQ(boxes["d"].depth, 1u);
  // Parents are laid out before children.
  for (size_t i = 1; i < layout.frames.size(); ++i) {
    EXPECT_GE(static_cast<int>(layout.frames[i].depth) + 1,
              static_cast<int>(layout.frames[i - 1].depth));
  }
}

TEST(LayoutTest, MergesEqualStacksFromUnsortedLines) {
  FrameTree tree;
  Feed("a;b 1\nz 1\na 2\na;b;c 1.5\na;b 1\nz 0.5\n", &tree);
  Layout layout = ComputeLayout(&tree, NoPruning());
  auto boxes = Boxes(tree, layout);
  EXPECT_EQ(boxes.size(), 5u);  // all, a, a;b, a;b;c, z
  EXPECT_DOUBLE_EQ(boxes["a"].width, 5.5);
  EXPECT_DOUBLE_EQ(boxes["a;b"].width, 3.5);
  EXPECT_DOUBLE_EQ(boxes["a;b"].x, 2);  // after a's own 2
  EXPECT_DOUBLE_EQ(boxes["a;b;c"].x, 4);
  EXPECT_DOUBLE_EQ(boxes["z"].x, 5.5);
  EXPECT_DOUBLE_EQ(boxes["z"].width, 1.5);
}

TEST(LayoutTest, PrefixReuseDoesNotConfuseSimilarNames) {
  FrameTree tree;
  Feed("a;bc 1\na;b 2\na;b;c 4\na;bc;d 8\nab 16\n", &tree);
  ComputeLayout(&tree, NoPruning());
  std::map<std::string, double> counts;
  for (uint32_t i = 1; i < tree.nodes().size(); ++i) {
    counts[tree.Path(i)] = tree.nodes()[i].after;
  }
  EXPECT_EQ(counts, (std::map<std::string, double>{{"a", 15},
                                                   {"a;b", 6},
                                                   {"a;b;c", 4},
                                                   {"a;bc", 9},
                                                   {"a;bc;d", 8},
                                                   {"ab", 16}}));
}

TEST(LayoutTest, ReverseMergesByLeaf) {
  FrameTree tree(TreeOptions{.reverse = true});
  Feed("a;b;c 1\nx;b;c 2\ny;d 4\n", &tree);
  auto boxes = Boxes(tree, ComputeLayout(&tree, NoPruning()));
  EXPECT_DOUBLE_EQ(boxes["c"].width, 3);
  EXPECT_DOUBLE_EQ(boxes["c;b"].width, 3);
  EXPECT_DOUBLE_EQ(boxes["c;b;a"].width, 1);
  EXPECT_DOUBLE_EQ(boxes["c;b;x"].x, 1);
  EXPECT_DOUBLE_EQ(boxes["d;y"].x, 3);
  EXPECT_EQ(boxes["c;b;x"].depth, 3u);
}

TEST(LayoutTest, FlameChartKeepsInputOrderAndMergesOnlyNeighbours) {
  FrameTree tree(TreeOptions{.flamechart = true});
  Feed("a;b 1\na;c 2\na;b 4\nd 1\na 1\n", &tree);
  Layout layout = ComputeLayout(&tree, NoPruning());
  // a;b, a;c, a;b share the first "a"; the later "a" is a new box.
  std::vector<std::pair<std::string, Box>> seq;
  for (const LaidFrame& f : layout.frames) {
    if (f.node != 0)
      seq.push_back({tree.Path(f.node), {f.x, f.width, f.depth}});
  }
  ASSERT_EQ(seq.size(), 6u);
  EXPECT_EQ(seq[0].first, "a");
  EXPECT_DOUBLE_EQ(seq[0].second.width, 7);
  EXPECT_EQ(seq[1].first, "d");
  EXPECT_DOUBLE_EQ(seq[1].second.x, 7);
  EXPECT_EQ(seq[2].first, "a");
  EXPECT_DOUBLE_EQ(seq[2].second.x, 8);
  EXPECT_EQ(seq[3].first, "a;b");
  EXPECT_DOUBLE_EQ(seq[3].second.x, 0);
  EXPECT_EQ(seq[4].first, "a;c");
  EXPECT_DOUBLE_EQ(seq[4].second.x, 1);
  EXPECT_EQ(seq[5].first, "a;b");
  EXPECT_DOUBLE_EQ(seq[5].second.x, 3);
}

TEST(LayoutTest, PruningKeepsTotalsAndReportsHiddenWork) {
  FrameTree tree;
  std::string text = "main;big 100000\n";
  for (int i = 0; i < 50; ++i) {
    text += "main;tiny" + std::to_string(i) + ";leaf 1\n";
  }
  Feed(text, &tree);
  LayoutOptions o;  // 1 of 100050 is 0.012 px, under 0.1 px
  Layout layout = ComputeLayout(&tree, o);
  auto boxes = Boxes(tree, layout);
  EXPECT_EQ(boxes.size(), 3u);  // all, main, main;big
  EXPECT_DOUBLE_EQ(boxes["all"].width, 100050);
  EXPECT_DOUBLE_EQ(boxes["main"].width, 100050);
  const LaidFrame* main = nullptr;
  for (const LaidFrame& f : layout.frames) {
    if (f.node != 0 && tree.Path(f.node) == "main") main = &f;
  }
  ASSERT_NE(main, nullptr);
  EXPECT_EQ(main->hidden_frames, 100u);  // 50 tinyN + 50 leaf
  EXPECT_DOUBLE_EQ(main->hidden_width, 50);
  // The hidden children come after "big" (name order), not as self time.
  EXPECT_DOUBLE_EQ(boxes["main;big"].x, 0);
}

TEST(LayoutTest, MinWidthAsAPercentage) {
  FrameTree tree;
  Feed("a 96\nb 3\nc 1\n", &tree);
  LayoutOptions o;
  o.min_width_percent = 2;  // 2 of 100
  auto boxes = Boxes(tree, ComputeLayout(&tree, o));
  EXPECT_EQ(boxes.size(), 3u);  // all, a, b
  EXPECT_EQ(boxes.count("c"), 0u);
  EXPECT_DOUBLE_EQ(boxes["b"].x, 96);
}

TEST(LayoutTest, MaxFramesRaisesTheMinimumWidth) {
  FrameTree tree;
  std::string text;
  for (int i = 1; i <= 100; ++i) {
    text +=
        "root;f" + std::to_string(1000 + i) + " " + std::to_string(i) + "\n";
  }
  Feed(text, &tree);
  LayoutOptions o;
  o.max_frames = 12;
  Layout layout = ComputeLayout(&tree, o);
  EXPECT_TRUE(layout.raised_min_width);
  EXPECT_EQ(layout.frames_over_min_width, 102u);
  // all, root and the 10 widest children f1091..f1100.
  ASSERT_EQ(layout.frames.size(), 12u);
  EXPECT_DOUBLE_EQ(layout.min_width, 90);
  EXPECT_EQ(tree.Path(layout.frames[2].node), "root;f1091");
  EXPECT_DOUBLE_EQ(layout.frames[1].hidden_width, 4095);  // 1 + ... + 90
  EXPECT_EQ(layout.frames[1].hidden_frames, 90u);
  EXPECT_DOUBLE_EQ(layout.frames[0].width, 5050);
}

TEST(LayoutTest, MaxFramesCutsADeepChainAtDepthInsteadOfDroppingIt) {
  // 1,000 frames of equal width: all tied at the cut.
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += (i ? ";f" : "f") + std::to_string(i);
  FrameTree tree;
  Feed(deep + " 7\n", &tree);
  LayoutOptions o;
  o.max_frames = 50;
  Layout layout = ComputeLayout(&tree, o);
  EXPECT_TRUE(layout.raised_min_width);
  ASSERT_EQ(layout.frames.size(), 50u);  // "all" + f0..f48
  EXPECT_EQ(tree.Path(layout.frames[49].node).substr(0, 6), "f0;f1;");
  EXPECT_EQ(layout.frames[49].depth, 49u);
  EXPECT_DOUBLE_EQ(layout.frames[49].hidden_width, 7);
}

TEST(LayoutTest, DifferentialListsVanishedChildrenInTheParent) {
  FrameTree tree;
  InputStats stats = Feed("a;b 5 0\na;c 3 6\na;c;d 0 2\n", &tree);
  EXPECT_TRUE(stats.pairs);
  LayoutOptions o = NoPruning();
  o.differential = true;
  Layout layout = ComputeLayout(&tree, o);
  auto boxes = Boxes(tree, layout);
  EXPECT_EQ(boxes.count("a;b"), 0u);
  EXPECT_DOUBLE_EQ(boxes["a"].width, 8);
  EXPECT_DOUBLE_EQ(boxes["a;c;d"].width, 2);
  const LaidFrame& a = layout.frames[1];
  EXPECT_EQ(tree.Path(a.node), "a");
  EXPECT_DOUBLE_EQ(a.before, 8);
  EXPECT_DOUBLE_EQ(a.after, 8);
  EXPECT_EQ(a.absent_frames, 1u);
  EXPECT_DOUBLE_EQ(a.absent_other, 5);
  EXPECT_EQ(tree.Path(a.absent_largest), "a;b");
}

TEST(LayoutTest, DifferentialMaxWidthsDrawVanishedStacks) {
  FrameTree tree;
  Feed("a;b 5 0\na;c 3 6\n", &tree);
  LayoutOptions o = NoPruning();
  o.differential = true;
  o.diff_widths = DiffWidths::kMax;
  auto boxes = Boxes(tree, ComputeLayout(&tree, o));
  EXPECT_DOUBLE_EQ(boxes["a;b"].width, 5);
  EXPECT_DOUBLE_EQ(boxes["a;c"].width, 6);
  EXPECT_DOUBLE_EQ(boxes["a"].width, 11);
}

TEST(LayoutTest, SignedCountsAreDeltas) {
  FrameTree tree;
  InputStats stats = Feed("a;b -5\na;c 6\na;b 2\n", &tree);
  EXPECT_TRUE(stats.signed_count);
  LayoutOptions o = NoPruning();
  o.differential = true;
  o.deltas = true;
  o.diff_widths = DiffWidths::kMax;
  Layout layout = ComputeLayout(&tree, o);
  auto boxes = Boxes(tree, layout);
  EXPECT_DOUBLE_EQ(boxes["a;b"].width, 3);  // net -3
  EXPECT_DOUBLE_EQ(boxes["a;c"].width, 6);
  EXPECT_DOUBLE_EQ(layout.frames[1].before, 3);
  EXPECT_DOUBLE_EQ(layout.frames[1].after, 6);
}

TEST(LayoutTest, DeepStacksNeedNoRecursion) {
  FrameTree tree;
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "f" + std::to_string(i % 7) + ";";
  line += "leaf 3";
  Feed(line, &tree);
  Layout layout = ComputeLayout(&tree, NoPruning());
  EXPECT_EQ(layout.frames.size(), 20002u);
  EXPECT_EQ(layout.max_depth, 20001u);
  EXPECT_DOUBLE_EQ(layout.frames.back().width, 3);
}

TEST(LayoutTest, TotalOptionScalesAgainstAFixedCount) {
  FrameTree tree;
  Feed("a 25\n", &tree);
  LayoutOptions o = NoPruning();
  o.total = 100;
  Layout layout = ComputeLayout(&tree, o);
  EXPECT_DOUBLE_EQ(layout.total, 100);
  EXPECT_DOUBLE_EQ(layout.frames[1].width, 25);
}

}  // namespace
}  // namespace flame
