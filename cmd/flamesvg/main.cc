// flamesvg: folded stacks -> interactive flame graph SVG.
#include <string>
#include <string_view>
#include <vector>

#include "cmd/flamesvg/help_text.h"
#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/flame/folded_input.h"
#include "common/flame/frame_tree.h"
#include "common/flame/graph_notes.h"
#include "common/flame/layout.h"
#include "common/flame/options.h"
#include "common/flame/palette.h"
#include "common/flame/svg_writer.h"
#include "common/formats/wrong_tool.h"
#include "common/io/bad_lines.h"
#include "common/io/output_buffer.h"
#include "common/io/run.h"

namespace {

namespace po = cli::po;

void AddFlags(cli::Command* cmd, flame::Flags* flags) {
  flame::Flags& f = *flags;
  // clang-format off
  cmd->options().add_options()
    ("title", po::value(&f.title), "title text (default \"Flame Graph\", "
     "\"Icicle Graph\" with --inverted)")
    ("subtitle", po::value(&f.subtitle), "second title line")
    ("width", po::value(&f.width)->default_value(f.width), "image width in px")
    ("height", po::value(&f.height)->default_value(f.height),
     "height of each frame in px")
    ("minwidth", po::value(&f.minwidth)->default_value(f.minwidth),
     "omit frames narrower than this many px, or N% of the total")
    ("max-frames", po::value(&f.max_frames)->default_value(f.max_frames),
     "draw at most N frames, raising the minimum width (0 = no limit)")
    ("fonttype", po::value(&f.fonttype)->default_value(f.fonttype),
     "font family")
    ("fontsize", po::value(&f.fontsize)->default_value(f.fontsize),
     "font size in px")
    ("fontwidth", po::value(&f.fontwidth)->default_value(f.fontwidth, "0.59"),
     "average character width as a fraction of the font size")
    ("countname", po::value(&f.countname)->default_value(f.countname),
     "what the counts are")
    ("nametype", po::value(&f.nametype)->default_value(f.nametype),
     "label before a frame's name in the details line")
    ("colors", po::value(&f.colors)->default_value(f.colors),
     "palette: hot mem io wakeup java js perl red green blue aqua yellow "
     "purple orange go")
    ("bgcolors", po::value(&f.bgcolors),
     "background: yellow blue green grey, or #rrggbb")
    ("hash", "colour by a hash of the name (always on)")
    ("cp", po::bool_switch(&f.consistent_palette),
     "consistent palette: reuse and update colours in palette.map")
    ("palette-file", po::value(&f.palette_file)->default_value(f.palette_file),
     "file for --cp")
    ("reverse", po::bool_switch(&f.reverse),
     "reverse every stack (leaf first) before merging")
    ("inverted", po::bool_switch(&f.inverted), "icicle graph: root at the top")
    ("flamechart", po::bool_switch(&f.flamechart),
     "flame chart: keep input order, merge only adjacent lines")
    ("diff", po::bool_switch(&f.diff), "differential graph: BEFORE AFTER "
     "FILEs, or one input of \"stack BEFORE AFTER\" lines or deltas")
    ("diff-widths", po::value(&f.diff_widths), "differential widths from "
     "max (default: the larger of before and after), after or before")
    ("diff-color", po::value(&f.diff_color)->default_value(f.diff_color),
     "differential colour by each frame's own change, or its subtree's (total)")
    ("negate", po::bool_switch(&f.negate), "differential: swap red and blue")
    ("factor", po::value(&f.factor)->default_value(f.factor),
     "multiply every count by this")
    ("total", po::value(&f.total), "count that spans the full width")
    ("notes", po::value(&f.notes), "text for a notes comment in the SVG")
    ("search-color", po::value(&f.search_color)->default_value(f.search_color),
     "colour of search matches")
    ("truncate-text-right", po::bool_switch(&f.truncate_text_right),
     "shorten long labels at the right end (the default)")
    ("truncate-text-left", po::bool_switch(&f.truncate_text_left),
     "shorten long labels at the left end, keeping the end")
    ("strict", po::bool_switch(&f.strict),
     "stop at the first malformed line (exit status 2)");
  // clang-format on
}

}  // namespace

int main(int argc, char** argv) {
  cli::Command cmd("flamesvg", flamesvg_help::kUsage, flamesvg_help::kSummary,
                   flamesvg_help::End());
  flame::Flags flags;
  AddFlags(&cmd, &flags);
  io::InputLimits limits;
  cmd.AddInputLimitOptions(nullptr, &limits.max_line);
  if (auto code = cmd.Parse(argc, argv, cli::kReadsStdin)) return *code;
  io::SetUpRun(cmd.name(), limits);
  flags.colors_given = !cmd.vars()["colors"].defaulted();
  std::vector<std::string> inputs = cmd.inputs();
  if (inputs.empty()) inputs.push_back("-");
  flame::FlameOptions options;
  const std::string usage = flame::ResolveFlags(flags, inputs.size(), &options);
  if (!usage.empty()) return cmd.UsageError(usage);
  auto fail = [&](std::string_view message) {
    cmd.Error(message);
    return cli::kExitBadInput;
  };
  flame::FrameTree tree(options.tree);
  flame::InputStats stats;
  io::BadLineSink bad(flags.strict);
  std::string error;
  if (!flame::ReadFoldedFiles(inputs, options.input, &tree, &stats, &bad,
                              &error) &&
      !error.empty()) {
    return fail(error);
  }
  if (cmd.StoppedAtBadLine(bad.stopped(), bad.first())) {
    return cli::kExitBadInput;
  }
  flame::ResolveDiffMode(stats, &options);
  io::OutputBuffer out;
  flame::Layout layout;
  if (stats.lines > 0) layout = flame::ComputeLayout(&tree, options.layout);
  if (layout.frames.empty()) {
    out.Write(flame::RenderMessageSvg(
        options.svg, "ERROR: No valid input provided to flamesvg."));
    out.Flush();
    cmd.SummariseBadLines(bad.count(), bad.first());
    return fail(flame::NoGraphReason(stats, layout) +
                formats::WrongToolHint(inputs, "flamesvg"));
  }
  for (const auto& w : flame::GraphWarnings(flags, stats, options, layout))
    cmd.Warn(w);
  if (layout.raised_min_width) {
    cli::PrintError(cmd.name(), flame::MaxFramesNote(layout, options.layout));
  }
  flame::ConsistentPalette consistent;
  if (options.consistent_palette) {
    if (!consistent.Load(options.palette_file, &error)) return fail(error);
    options.svg.consistent = &consistent;
  }
  flame::WriteSvg(tree, layout, options.svg, &out);
  if (!out.Flush()) return fail("cannot write the output");
  if (options.consistent_palette &&
      !consistent.Save(options.palette_file, &error)) {
    return fail(error);
  }
  cmd.SummariseBadLines(bad.count(), bad.first());
  return cli::kExitOk;
}
