#include "common/flame/graph_notes.h"

#include <gtest/gtest.h>

#include <limits>

namespace flame {
namespace {

TEST(GraphNotesTest, SaysWhyThereIsNoGraph) {
  InputStats none;
  Layout empty;
  EXPECT_EQ(NoGraphReason(none, empty), "no valid input");
  InputStats some;
  some.lines = 3;
  EXPECT_EQ(NoGraphReason(some, empty), "no valid input (all counts are zero)");
  Layout overflow;
  overflow.input_total = std::numeric_limits<double>::infinity();
  EXPECT_EQ(NoGraphReason(some, overflow),
            "no valid input (the counts add up to more than a double holds)");
}

TEST(GraphNotesTest, TotalSmallerThanTheInput) {
  Layout layout;
  layout.input_total = 100;
  LayoutOptions options;
  EXPECT_FALSE(TotalTooSmall(layout, options));  // no --total
  options.total = 50;
  EXPECT_TRUE(TotalTooSmall(layout, options));
  options.total = 100;
  EXPECT_FALSE(TotalTooSmall(layout, options));
}

TEST(GraphNotesTest, MaxFramesNoteNamesTheCutInPixels) {
  Layout layout;
  layout.total = 1180;
  layout.min_width = 6.59;  // count units; 1 px per unit at 1200 px
  layout.frames_over_min_width = 299;
  layout.frames.resize(50);
  LayoutOptions options;
  options.max_frames = 50;
  EXPECT_EQ(MaxFramesNote(layout, options),
            "note: 299 frames are wider than --minwidth; drawing 50 "
            "(--max-frames 50), those wider than 6.59 px; hidden work is "
            "listed in parent tooltips");
}

// The warnings for a graph about to be drawn: --colors that a differential
// graph does not use, --diff read as deltas from plain counts, --total.
TEST(GraphNotesTest, WarnsWhereFlagsAndInputDisagree) {
  Flags flags;
  InputStats stats;
  stats.lines = 3;
  FlameOptions options;
  Layout layout;
  EXPECT_TRUE(GraphWarnings(flags, stats, options, layout).empty());

  flags.colors = "go";
  flags.colors_given = true;
  EXPECT_TRUE(GraphWarnings(flags, stats, options, layout).empty());
  options.svg.differential = true;
  EXPECT_EQ(GraphWarnings(flags, stats, options, layout),
            std::vector<std::string>{
                "--colors go is not used in a differential graph: red and "
                "blue show the change (draw one profile without --diff for "
                "its colours)"});

  flags.colors_given = false;
  options.diff_flag = true;  // --diff, one input, plain counts
  ASSERT_EQ(GraphWarnings(flags, stats, options, layout).size(), 1u);
  EXPECT_NE(GraphWarnings(flags, stats, options, layout)[0].find(
                "--diff with one input of plain counts"),
            std::string::npos);
  stats.signed_count = true;  // deltas: as meant
  EXPECT_TRUE(GraphWarnings(flags, stats, options, layout).empty());
  stats.signed_count = false;
  stats.pairs = true;  // "stack BEFORE AFTER" lines
  EXPECT_TRUE(GraphWarnings(flags, stats, options, layout).empty());
  stats.pairs = false;
  options.input.diff_pair = true;  // --diff BEFORE AFTER
  EXPECT_TRUE(GraphWarnings(flags, stats, options, layout).empty());
}

}  // namespace
}  // namespace flame
