#include "common/flame/options.h"

#include <gtest/gtest.h>

#include <string>

namespace flame {
namespace {

TEST(OptionsTest, DefaultsFollowFlamegraphPl) {
  FlameOptions o;
  ASSERT_EQ(ResolveFlags(Flags{}, 1, &o), "");
  EXPECT_EQ(o.svg.palette, Palette::kHot);
  EXPECT_EQ(o.svg.bgcolor1, "#eeeeee");
  EXPECT_EQ(o.svg.bgcolor2, "#eeeeb0");
  EXPECT_EQ(o.layout.min_width_px, 0.1);
  EXPECT_EQ(o.layout.max_frames, 20000u);
  EXPECT_EQ(o.layout.image_width, 1200);
  EXPECT_EQ(o.svg.width, 1200);
  EXPECT_FALSE(o.input.diff_pair);
}

TEST(OptionsTest, SharedSettingsReachEveryStage) {
  Flags f;
  f.width = 600;
  f.flamechart = true;
  f.minwidth = "0.5%";
  f.factor = 3;
  f.diff = true;
  f.diff_widths = "before";
  FlameOptions o;
  ASSERT_EQ(ResolveFlags(f, 2, &o), "");
  EXPECT_EQ(o.layout.image_width, 600);
  EXPECT_EQ(o.svg.width, 600);
  EXPECT_TRUE(o.tree.flamechart);
  EXPECT_TRUE(o.svg.flamechart);
  EXPECT_EQ(o.layout.min_width_percent, 0.5);
  EXPECT_EQ(o.input.factor, 3);
  EXPECT_TRUE(o.input.diff_pair);
  EXPECT_EQ(o.layout.diff_widths, DiffWidths::kBefore);
  EXPECT_EQ(o.svg.diff_widths, DiffWidths::kBefore);
}

TEST(OptionsTest, BackgroundsByNameByPaletteOrColour) {
  Flags f;
  FlameOptions o;
  f.colors = "mem";
  ASSERT_EQ(ResolveFlags(f, 1, &o), "");
  EXPECT_EQ(o.svg.bgcolor2, "#e0e0ff");  // blue for mem, io, wakeup
  f.colors = "hot";
  f.bgcolors = "gray";
  ASSERT_EQ(ResolveFlags(f, 1, &o), "");
  EXPECT_EQ(o.svg.bgcolor1, "#f8f8f8");
  EXPECT_EQ(o.svg.bgcolor2, "#e8e8e8");
  f.bgcolors = "#123456";
  ASSERT_EQ(ResolveFlags(f, 1, &o), "");
  EXPECT_EQ(o.svg.bgcolor1, "#123456");
  EXPECT_EQ(o.svg.bgcolor2, "#123456");
}

TEST(OptionsTest, UsageErrors) {
  auto error = [](Flags f, size_t inputs = 1) {
    FlameOptions o;
    return ResolveFlags(f, inputs, &o);
  };
  Flags f;
  f.width = 21;
  EXPECT_EQ(error(f), "--width must be more than 21 px");
  f = Flags{};
  f.minwidth = "-1";
  EXPECT_EQ(error(f),
            "--minwidth wants pixels (0.1) or a percentage (0.5%), not '-1'");
  f = Flags{};
  f.colors = "rainbow";
  EXPECT_EQ(error(f), "unknown palette 'rainbow' for --colors");
  f = Flags{};
  f.bgcolors = "red\" onload=\"x";
  EXPECT_EQ(error(f),
            "--bgcolors wants yellow, blue, green, grey or #rrggbb, not "
            "'red\" onload=\"x'");
  f = Flags{};
  f.truncate_text_left = f.truncate_text_right = true;
  EXPECT_EQ(error(f),
            "--truncate-text-right and --truncate-text-left exclude each "
            "other");
  f = Flags{};
  f.diff = true;
  EXPECT_EQ(error(f, 3),
            "--diff takes BEFORE and AFTER (two files), or one differential "
            "input");
  f.diff_widths = "min";
  EXPECT_EQ(error(f, 2), "--diff-widths wants after, before or max");
}

TEST(OptionsTest, DiffModeFollowsTheInput) {
  struct Case {
    bool diff;
    size_t inputs;
    bool pairs, signed_count;
    bool differential, deltas;
    DiffWidths widths;
  };
  const Case cases[] = {
      {false, 1, false, false, false, false, DiffWidths::kAfter},
      {false, 1, true, false, true, false, DiffWidths::kMax},
      {false, 1, false, true, true, true, DiffWidths::kMax},
      {true, 1, false, false, true, true, DiffWidths::kMax},
      {true, 1, true, false, true, false, DiffWidths::kMax},
      {true, 2, false, false, true, false, DiffWidths::kMax},
  };
  for (const Case& c : cases) {
    Flags f;
    f.diff = c.diff;
    FlameOptions o;
    ASSERT_EQ(ResolveFlags(f, c.inputs, &o), "");
    InputStats stats;
    stats.pairs = c.pairs;
    stats.signed_count = c.signed_count;
    ResolveDiffMode(stats, &o);
    SCOPED_TRACE(testing::Message()
                 << c.diff << c.inputs << c.pairs << c.signed_count);
    EXPECT_EQ(o.layout.differential, c.differential);
    EXPECT_EQ(o.svg.differential, c.differential);
    EXPECT_EQ(o.layout.deltas, c.deltas);
    EXPECT_EQ(o.layout.diff_widths, c.widths);
    EXPECT_EQ(o.svg.diff_widths, c.widths);
  }
  // An explicit --diff-widths wins over the default.
  Flags f;
  f.diff_widths = "after";
  FlameOptions o;
  ASSERT_EQ(ResolveFlags(f, 1, &o), "");
  InputStats deltas;
  deltas.signed_count = true;
  ResolveDiffMode(deltas, &o);
  EXPECT_EQ(o.layout.diff_widths, DiffWidths::kAfter);
}

}  // namespace
}  // namespace flame
