#include "common/flame/svg_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "common/flame/folded_input.h"
#include "common/io/line_reader.h"

namespace flame {
namespace {

std::string Render(std::string_view text, SvgOptions svg = {},
                   LayoutOptions layout_options = {},
                   TreeOptions tree_options = {}) {
  FrameTree tree(tree_options);
  InputStats stats;
  io::LineSplitter lines(text);
  std::string_view line;
  while (lines.Next(&line)) {
    if (!line.empty())
      AddFoldedInputLine(line, CountSlot::kAny, 1, &tree, &stats);
  }
  if (stats.pairs) {
    svg.differential = true;
    layout_options.differential = true;
  }
  layout_options.image_width = svg.width;
  Layout layout = ComputeLayout(&tree, layout_options);
  return RenderSvg(tree, layout, svg);
}

// (first line of the title, x, y, width) of every frame.
using Frame = std::tuple<std::string, std::string, std::string, std::string>;
std::multiset<Frame> Frames(const std::string& svg) {
  std::multiset<Frame> out;
  size_t pos = 0;
  auto attr = [&](size_t from, const char* name) {
    const size_t start =
        svg.find(std::string(" ") + name + "=\"", from) + std::strlen(name) + 3;
    return svg.substr(start, svg.find('"', start) - start);
  };
  while ((pos = svg.find("<title>", pos)) != std::string::npos) {
    const size_t end = svg.find("</title>", pos);
    std::string title = svg.substr(pos + 7, end - pos - 7);
    title = title.substr(0, title.find('\n'));
    out.insert({title, attr(end, "x"), attr(end, "y"), attr(end, "width")});
    pos = end;
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// flamegraph.pl's own output for the shared perf cases: every frame's
// title, x, y and width must be the same (colours are random there).
TEST(SvgWriterTest, MatchesFlamegraphPlGeometryOnSharedReferences) {
  const std::string dir = std::string(SHARED_DIR) + "/testdata/perf/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  for (const char* name :
       {"go/go", "cpp-fp/cpp-fp", "cpp-dwarf/cpp-dwarf", "node-jit/node-jit",
        "node-jit/node-jit-interp", "threads/threads", "kernel/system-wide",
        "kernel/syscalls", "edge/nodso", "edge/stripped",
        "multi-event/taskclock-cs", "tracepoint/sched-switch"}) {
    SCOPED_TRACE(name);
    const std::string folded = ReadFile(dir + name + ".folded-default.txt");
    const std::string ref = ReadFile(dir + name + ".svg");
    ASSERT_FALSE(folded.empty());
    const auto ours = Frames(Render(folded));
    const auto theirs = Frames(ref);
    EXPECT_GT(theirs.size(), 2u);
    EXPECT_EQ(ours, theirs);
  }
}

TEST(SvgWriterTest, FrameMarkupAndTooltip) {
  const std::string svg = Render("main;work 30\nmain 10\n");
  EXPECT_NE(svg.find("<title>all (40 samples, 100%)</title><rect x=\"10.0\" "
                     "y=\"69\" width=\"1180.0\" height=\"15.0\""),
            std::string::npos);
  EXPECT_NE(svg.find("<title>work (30 samples, 75.00%)</title><rect "
                     "x=\"305.0\" y=\"37\" width=\"885.0\" height=\"15.0\""),
            std::string::npos)
      << svg.substr(svg.find("<g id=\"frames\">"));
  // The script takes the name from data-name, not from the title.
  EXPECT_NE(svg.find("<g data-name=\"work\">\n<title>work (30 samples"),
            std::string::npos);
  EXPECT_NE(svg.find("<text  x=\"308.00\" y=\"47.5\" >work</text>"),
            std::string::npos);
  EXPECT_NE(svg.find("<text id=\"title\" x=\"600.00\" y=\"24\">Flame "
                     "Graph</text>"),
            std::string::npos);
  EXPECT_NE(svg.find("onload=\"init(evt)\""), std::string::npos);
}

// perf's "_[k]" / "_[j]" annotations (stackfold --kernel / --jit) are left
// out of data-name, the tooltip and the label, as flamegraph.pl and inferno
// do; the colour still comes from the annotated name (orange kernel and
// green JIT frames with --colors java), and "f" and "f_[k]" stay two frames.
TEST(SvgWriterTest, AnnotationsColourButAreNotShown) {
  SvgOptions java;
  java.palette = Palette::kJava;
  const std::string svg = Render(
      "main;do_sys_open_[k] 30\nmain;Interp_[j] 10\nmain;Interp 5\n", java);
  EXPECT_EQ(svg.find("_["), std::string::npos);
  EXPECT_NE(svg.find("<g data-name=\"do_sys_open\">\n<title>do_sys_open "
                     "(30 samples, 66.67%)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find(">do_sys_open</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>Interp (10 samples, 22.22%)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>Interp (5 samples, 11.11%)</title>"),
            std::string::npos);
  auto fill_of = [&](std::string_view title) {
    const size_t at = svg.find("<title>" + std::string(title));
    const size_t fill = svg.find("fill=\"", at) + 6;
    return svg.substr(fill, svg.find('"', fill) - fill);
  };
  auto rgb = [](Rgb c) {
    return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," +
           std::to_string(c.b) + ")";
  };
  const Rgb kernel = FrameColor(Palette::kJava, "do_sys_open_[k]");
  EXPECT_EQ(kernel.b, 0);  // orange
  EXPECT_EQ(fill_of("do_sys_open ("), rgb(kernel));
  EXPECT_NE(rgb(kernel), rgb(FrameColor(Palette::kJava, "do_sys_open")));
  EXPECT_EQ(fill_of("Interp (10"),
            rgb(FrameColor(Palette::kJava, "Interp_[j]")));
}

TEST(SvgWriterTest, PrunedWorkIsNamedInTheParentTooltip) {
  std::string text = "main;big 100000\n";
  for (int i = 0; i < 50; ++i) text += "main;t" + std::to_string(i) + " 1\n";
  const std::string svg = Render(text);
  EXPECT_NE(svg.find("<title>main (100,050 samples, 100.00%)\nnot drawn (too "
                     "narrow): 50 frames below, 50 samples, 0.05% of this "
                     "frame</title>"),
            std::string::npos);
}

TEST(SvgWriterTest, DifferentialTotalColoursAndTooltips) {
  SvgOptions o;
  o.diff_coloring = DiffColoring::kTotal;
  const std::string svg =
      Render("a;grow 10 30\na;shrink 20 10\na;gone 5 0\na;new 0 5\n", o);
  // a: before 35, after 45 -> +10 (+28.57%); max |delta| below root is
  // grow's 20, so a (+10) is half red.
  EXPECT_NE(svg.find("<title>a (after 45, before 35 samples, 100.00% of "
                     "width; change +10, +28.57% of before)\nvanished below: "
                     "1 frame, 5 samples before; largest: gone</title><rect "
                     "x=\"10.0\" y=\"95\" width=\"1180.0\" height=\"15.0\" "
                     "fill=\"rgb(255,100,100)\""),
            std::string::npos)
      << svg.substr(svg.find("<g id=\"frames\">"));
  EXPECT_NE(svg.find("<title>grow (after 30, before 10 samples, 66.67% of "
                     "width; change +20, +200.00% of before)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"rgb(255,0,0)\""), std::string::npos);
  EXPECT_NE(svg.find("<title>shrink (after 10, before 20 samples, 22.22% of "
                     "width; change -10, -50.00% of before)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"rgb(100,100,255)\""), std::string::npos);
  EXPECT_NE(svg.find("<title>new (after 5, before 0 samples, 11.11% of "
                     "width; change +5, new)</title>"),
            std::string::npos);
  EXPECT_EQ(svg.find("<title>gone"), std::string::npos);
  // --diff-widths max draws it, marked as vanished.
  LayoutOptions lo;
  lo.diff_widths = DiffWidths::kMax;
  o.diff_widths = DiffWidths::kMax;
  const std::string max = Render("a;grow 10 30\na;gone 5 0\n", o, lo);
  EXPECT_NE(max.find("<title>gone (after 0, before 5 samples, 14.29% of "
                     "width; change -5, vanished)</title>"),
            std::string::npos);
}

// Hand-checked self colouring of the same input: a's own change is 0, but
// its child "gone" (not drawn: widths from after) changed by -5, which
// colours a; grow's +20 is the largest own change (full red).
TEST(SvgWriterTest, DifferentialSelfColours) {
  SvgOptions o;
  const std::string svg =
      Render("a;grow 10 30\na;shrink 20 10\na;gone 5 0\na;new 0 5\n", o);
  auto fill_of = [&](const std::string& name) {
    const size_t g = svg.find("<g data-name=\"" + name + "\">");
    const size_t f = svg.find("fill=\"", g) + 6;
    return svg.substr(f, svg.find('"', f) - f);
  };
  EXPECT_EQ(fill_of("all"), "rgb(250,250,250)");
  EXPECT_EQ(fill_of("a"), "rgb(150,150,255)");
  EXPECT_EQ(fill_of("grow"), "rgb(255,0,0)");
  EXPECT_EQ(fill_of("shrink"), "rgb(100,100,255)");
  EXPECT_EQ(fill_of("new"), "rgb(255,150,150)");
  EXPECT_NE(svg.find("<text id=\"subtitle\" x=\"600.00\" y=\"48\">colour: "
                     "each frame&apos;s own (self) change (red grew, blue "
                     "shrank); widths: after</text>"),
            std::string::npos);
}

// The case: a leaf that grew under a chain of callers. By self
// change only the leaf is red and the callers stay neutral; by total
// change every ancestor is red too.
TEST(SvgWriterTest, ReddestFrameIsTheOneThatGrew) {
  const std::string input =
      "main;serve;handler;leak 100 300\nmain;serve;handler;other 50 50\n"
      "main;serve;idle 20 10\n";
  SvgOptions o;
  auto red_frames = [](const std::string& svg) {
    std::vector<std::string> out;
    for (size_t g = 0;
         (g = svg.find("<g data-name=\"", g)) != std::string::npos; ++g) {
      const size_t name = g + 14;
      const size_t f = svg.find("fill=\"", g) + 6;
      if (svg.compare(f, 14, "rgb(255,0,0)\" ") == 0 ||
          svg.compare(f, 16, "rgb(255,10,10)\" ") == 0) {
        out.push_back(svg.substr(name, svg.find('"', name) - name));
      }
    }
    return out;
  };
  const std::string self = Render(input, o);
  EXPECT_EQ(red_frames(self), std::vector<std::string>{"leak"});
  EXPECT_NE(self.find("<g data-name=\"serve\">"), std::string::npos);
  o.diff_coloring = DiffColoring::kTotal;
  const std::string total = Render(input, o);
  EXPECT_EQ(red_frames(total), (std::vector<std::string>{"all", "main", "serve",
                                                         "handler", "leak"}));
}

TEST(SvgWriterTest, HumanUnitsInTooltips) {
  SvgOptions o;
  o.countname = "bytes";
  o.unit = CountUnit::kBytes;
  const std::string svg = Render("main;alloc 1593835\nmain 512\n", o);
  EXPECT_NE(svg.find("<title>alloc (1.52 MiB, 99.97%)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>all (1.52 MiB, 100%)</title>"), std::string::npos);
  o.countname = "nanoseconds";
  o.unit = CountUnit::kNanoseconds;
  const std::string cpu = Render("main;spin 5160000000 5170000000\n", o);
  EXPECT_NE(cpu.find("<title>spin (after 5.17 s, before 5.16 s, 100.00% of "
                     "width; change +10 ms, +0.19% of before)</title>"),
            std::string::npos);
}

TEST(SvgWriterTest, LegendForGoColoursAndDifferentialGraphs) {
  SvgOptions o;
  EXPECT_EQ(Render("main.main;fmt.Println 5\n", o).find("id=\"legend\""),
            std::string::npos);
  o.palette = Palette::kGo;
  const std::string go = Render("main.main;fmt.Println 5\n", o);
  const size_t legend = go.find("<g id=\"legend\">");
  ASSERT_NE(legend, std::string::npos);
  const std::string row = go.substr(legend, go.find("</g>", legend) - legend);
  for (const char* label :
       {">main package<", ">other modules<", ">standard library<",
        ">Go runtime<", ">cgo, C, unknown<", ">kernel<"}) {
    EXPECT_NE(row.find(label), std::string::npos) << label;
  }
  // The swatches are the colours the frames get.
  EXPECT_NE(row.find(std::string("fill=\"rgb(") +
                     std::to_string(
                         GoKindColor(GoFrameKind::kMain, "main package").r)),
            std::string::npos);
  // The legend row sits between the title and the frames.
  EXPECT_LT(go.find("id=\"title\""), legend);
  EXPECT_LT(legend, go.find("<g id=\"frames\">"));
  SvgOptions d;
  d.countname = "bytes";
  d.unit = CountUnit::kBytes;
  const std::string diff = Render("a;b 1024 3072\n", d);
  EXPECT_NE(diff.find(">grew</text>"), std::string::npos);
  EXPECT_NE(diff.find(">shrank</text>"), std::string::npos);
  EXPECT_NE(diff.find(">full colour: a change of 2 KiB in the frame&apos;s own "
                      "(self) count</text>"),
            std::string::npos);
}

TEST(SvgWriterTest, HostileNamesAreEscaped) {
  const std::string svg = Render(
      "</title><script>alert(1)</script>;]]>;&amp\"q\" 'a' 5\n"
      "a\x1b[31m;\xff\xfe;--> 3\n");
  EXPECT_EQ(svg.find("<script>alert"), std::string::npos);
  EXPECT_NE(svg.find("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>]]&gt; (5 samples"), std::string::npos);
  EXPECT_NE(svg.find("<g data-name=\"&amp;amp&quot;q&quot; &apos;a&apos;\">\n"
                     "<title>&amp;amp&quot;q&quot; &apos;a&apos; (5 samples"),
            std::string::npos);
  EXPECT_NE(svg.find("<g data-name=\"&lt;/title&gt;&lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(svg.find("<g data-name=\"\xEF\xBF\xBD\xEF\xBF\xBD\">"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>a\xEF\xBF\xBD[31m (3 samples"), std::string::npos);
  EXPECT_NE(svg.find("<title>\xEF\xBF\xBD\xEF\xBF\xBD (3 samples"),
            std::string::npos);
  // Only the script's own CDATA section.
  EXPECT_EQ(svg.find("]]>"), svg.rfind("]]>"));
}

TEST(SvgWriterTest, SameInputSameBytes) {
  const std::string text = "b;c 3\na;b 1\na;c;d 2\n";
  EXPECT_EQ(Render(text), Render(text));
  SvgOptions go;
  go.palette = Palette::kGo;
  EXPECT_EQ(Render(text, go), Render(text, go));
}

TEST(SvgWriterTest, GoPaletteColoursCalleesOfTheKernelAsKernel) {
  SvgOptions o;
  o.palette = Palette::kGo;
  const std::string svg =
      Render("main.main;syscall.Syscall;entry_SYSCALL_64;do_madvise 1\n", o);
  auto fill_of = [&](const std::string& name) {
    const size_t t = svg.find("<title>" + name + " (");
    const size_t f = svg.find("fill=\"", t) + 6;
    return svg.substr(f, svg.find('"', f) - f);
  };
  auto rgb = [](const Rgb& c) {
    return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," +
           std::to_string(c.b) + ")";
  };
  EXPECT_EQ(fill_of("main.main"),
            rgb(GoKindColor(GoFrameKind::kMain, "main.main")));
  EXPECT_EQ(fill_of("syscall.Syscall"),
            rgb(GoKindColor(GoFrameKind::kStdlib, "syscall.Syscall")));
  EXPECT_EQ(fill_of("do_madvise"),
            rgb(GoKindColor(GoFrameKind::kKernel, "do_madvise")));
  EXPECT_EQ(ClassifyGoFrame("do_madvise"), GoFrameKind::kCgoOrC);
}

TEST(SvgWriterTest, InvertedPutsTheRootOnTop) {
  SvgOptions o;
  o.inverted = true;
  const std::string svg = Render("a;b 1\n", o);
  // ypad1 = 36: root at y 36, a at 52, b at 68.
  EXPECT_NE(svg.find("<title>all (1 samples, 100%)</title><rect x=\"10.0\" "
                     "y=\"36\""),
            std::string::npos);
  EXPECT_NE(svg.find("<title>b (1 samples, 100.00%)</title><rect x=\"10.0\" "
                     "y=\"68\""),
            std::string::npos);
  EXPECT_NE(svg.find(">Icicle Graph</text>"), std::string::npos);
  EXPECT_NE(svg.find("data-inverted=\"1\""), std::string::npos);
}

TEST(SvgWriterTest, MessageSvgForEmptyInput) {
  const std::string svg = RenderMessageSvg(
      SvgOptions{}, "ERROR: No valid input provided to flamesvg.");
  EXPECT_NE(svg.find("height=\"60\""), std::string::npos);
  EXPECT_NE(svg.find(">ERROR: No valid input provided to flamesvg.</text>"),
            std::string::npos);
}

TEST(SvgWriterTest, FormatsCounts) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(-1234), "-1,234");
  EXPECT_EQ(FormatCount(1234.5), "1,234.5");
  EXPECT_EQ(FormatCount(0.125), "0.125");
  EXPECT_EQ(FormatCount(2e307), "2e+307");
  EXPECT_EQ(FormatCount(-2.5e20), "-2.5e+20");
}

TEST(SvgWriterTest, ValidatesStyleInputs) {
  EXPECT_TRUE(ValidColor("#eeeeb0"));
  EXPECT_TRUE(ValidColor("rgb(230,0,230)"));
  EXPECT_TRUE(ValidColor("magenta"));
  EXPECT_FALSE(ValidColor("red\" onload=\"x"));
  EXPECT_FALSE(ValidColor("rgb(300,0,0)"));
  EXPECT_TRUE(ValidFontName("DejaVu Sans, Verdana"));
  EXPECT_FALSE(ValidFontName("x; } #frames { display:none"));
}

}  // namespace
}  // namespace flame
