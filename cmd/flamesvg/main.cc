// flamesvg: folded stacks -> interactive flame graph SVG.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "common/cli/bad_lines.h"
#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/flame/folded_input.h"
#include "common/flame/frame_tree.h"
#include "common/flame/layout.h"
#include "common/flame/palette.h"
#include "common/flame/svg_writer.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"

namespace {

namespace po = cli::po;

bool ParseMinWidth(const std::string& text, flame::LayoutOptions* layout) {
  std::string number = text;
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.pop_back();
  double v = 0;
  if (!flame::ParseCount(number, &v) || v < 0) return false;
  if (percent) {
    layout->min_width_percent = v;
  } else {
    layout->min_width_px = v;
  }
  return true;
}

bool SetBackground(const std::string& name, flame::SvgOptions* svg) {
  if (name == "yellow") {
    svg->bgcolor1 = "#eeeeee";
    svg->bgcolor2 = "#eeeeb0";
  } else if (name == "blue") {
    svg->bgcolor1 = "#eeeeee";
    svg->bgcolor2 = "#e0e0ff";
  } else if (name == "green") {
    svg->bgcolor1 = "#eef2ee";
    svg->bgcolor2 = "#e0ffe0";
  } else if (name == "grey" || name == "gray") {
    svg->bgcolor1 = "#f8f8f8";
    svg->bgcolor2 = "#e8e8e8";
  } else if (flame::ValidColor(name)) {
    svg->bgcolor1 = name;
    svg->bgcolor2 = name;
  } else {
    return false;
  }
  return true;
}

bool Positive(double v) { return std::isfinite(v) && v > 0; }

std::string FormatPx(double px) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3g", px);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Command cmd(
      "flamesvg", "flamesvg [options] [FILE...]   (FILE may be - or .gz)",
      "Draws folded stacks (\"root;...;leaf COUNT\", or \"stack BEFORE AFTER\" "
      "for a\ndifferential graph) as an interactive flame graph SVG on "
      "standard output.\nOptions follow flamegraph.pl. Several files are "
      "merged; input need not be sorted.");
  std::string title, subtitle, minwidth = "0.1", fonttype = "Verdana";
  std::string countname = "samples", nametype = "Function:", colors = "hot";
  std::string bgcolors, notes, search_color = "rgb(230,0,230)";
  std::string diff_widths, palette_file = "palette.map";
  double width = 1200, height = 16, fontsize = 12, fontwidth = 0.59;
  double factor = 1, total = 0;
  uint64_t max_frames = 20000;
  // clang-format off
  cmd.options().add_options()
    ("title", po::value(&title), "title text (default \"Flame Graph\", "
     "\"Icicle Graph\" with --inverted)")
    ("subtitle", po::value(&subtitle), "second title line")
    ("width", po::value(&width)->default_value(width), "image width in px")
    ("height", po::value(&height)->default_value(height),
     "height of each frame in px")
    ("minwidth", po::value(&minwidth)->default_value(minwidth),
     "omit frames narrower than this many px, or N% of the total")
    ("max-frames", po::value(&max_frames)->default_value(max_frames),
     "draw at most N frames, raising the minimum width (0 = no limit)")
    ("fonttype", po::value(&fonttype)->default_value(fonttype), "font family")
    ("fontsize", po::value(&fontsize)->default_value(fontsize),
     "font size in px")
    ("fontwidth", po::value(&fontwidth)->default_value(fontwidth, "0.59"),
     "average character width as a fraction of the font size")
    ("countname", po::value(&countname)->default_value(countname),
     "what the counts are")
    ("nametype", po::value(&nametype)->default_value(nametype),
     "label before a frame's name in the details line")
    ("colors", po::value(&colors)->default_value(colors),
     "palette: hot mem io wakeup java js perl red green blue aqua yellow "
     "purple orange go")
    ("bgcolors", po::value(&bgcolors),
     "background: yellow blue green grey, or #rrggbb")
    ("hash", "colour by a hash of the name (always on; accepted for "
     "flamegraph.pl compatibility)")
    ("cp", "consistent palette: reuse and update colours in palette.map")
    ("palette-file", po::value(&palette_file)->default_value(palette_file),
     "file for --cp")
    ("reverse", "reverse every stack (leaf first) before merging")
    ("inverted", "icicle graph: root at the top")
    ("flamechart", "flame chart: keep input order, merge only adjacent "
     "lines")
    ("diff", "differential graph: with two FILEs, BEFORE and AFTER; "
     "with one or none, single counts are deltas")
    ("diff-widths", po::value(&diff_widths),
     "differential widths from after (default), before, or max "
     "(default for delta input)")
    ("negate", "differential: swap red and blue")
    ("factor", po::value(&factor)->default_value(factor),
     "multiply every count by this")
    ("total", po::value(&total), "count that spans the full width (to draw "
     "several graphs on one scale)")
    ("notes", po::value(&notes), "text for a notes comment in the SVG")
    ("search-color", po::value(&search_color)->default_value(search_color),
     "colour of search matches")
    ("truncate-text-right", "shorten long labels at the right end, "
     "keeping the start (the default)")
    ("truncate-text-left", "shorten long labels at the left end, keeping "
     "the end")
    ("strict", "stop at the first malformed line (exit status 2)");
  // clang-format on
  if (auto code = cmd.Parse(argc, argv)) return *code;

  flame::SvgOptions svg;
  flame::LayoutOptions layout_options;
  if (!Positive(width) || width <= 2 * flame::kXPad + 1) {
    return cmd.UsageError("--width must be more than 21 px");
  }
  if (!Positive(height)) return cmd.UsageError("--height must be positive");
  if (!Positive(fontsize) || !Positive(fontwidth)) {
    return cmd.UsageError("--fontsize and --fontwidth must be positive");
  }
  if (!Positive(factor)) return cmd.UsageError("--factor must be positive");
  if (!std::isfinite(total) || total < 0) {
    return cmd.UsageError("--total must be a positive count");
  }
  if (!ParseMinWidth(minwidth, &layout_options)) {
    return cmd.UsageError(
        "--minwidth wants pixels (0.1) or a percentage "
        "(0.5%), not '" +
        minwidth + "'");
  }
  if (!flame::ParsePalette(colors, &svg.palette)) {
    return cmd.UsageError("unknown palette '" + colors + "' for --colors");
  }
  if (!flame::ValidFontName(fonttype)) {
    return cmd.UsageError(
        "--fonttype may hold letters, digits, spaces and "
        ", - _ . only");
  }
  if (!flame::ValidColor(search_color)) {
    return cmd.UsageError(
        "--search-color wants #rrggbb, rgb(r,g,b) or a "
        "colour name");
  }
  if (bgcolors.empty()) {
    bgcolors = (svg.palette == flame::Palette::kMem ||
                svg.palette == flame::Palette::kIo ||
                svg.palette == flame::Palette::kWakeup)
                   ? "blue"
                   : "yellow";
  }
  if (!SetBackground(bgcolors, &svg)) {
    return cmd.UsageError(
        "--bgcolors wants yellow, blue, green, grey or "
        "#rrggbb, not '" +
        bgcolors + "'");
  }
  if (cmd.Has("truncate-text-right") && cmd.Has("truncate-text-left")) {
    return cmd.UsageError(
        "--truncate-text-right and --truncate-text-left "
        "exclude each other");
  }
  const bool diff_flag = cmd.Has("diff");
  std::vector<std::string> inputs = cmd.inputs();
  if (inputs.empty()) inputs.push_back("-");
  const bool diff_pair = diff_flag && inputs.size() == 2;
  if (diff_flag && inputs.size() > 2) {
    return cmd.UsageError(
        "--diff takes BEFORE and AFTER (two files), or "
        "one differential input");
  }
  bool widths_given = !diff_widths.empty();
  flame::DiffWidths widths = flame::DiffWidths::kAfter;
  if (diff_widths == "before") {
    widths = flame::DiffWidths::kBefore;
  } else if (diff_widths == "max") {
    widths = flame::DiffWidths::kMax;
  } else if (widths_given && diff_widths != "after") {
    return cmd.UsageError("--diff-widths wants after, before or max");
  }

  svg.title = title;
  svg.subtitle = subtitle;
  svg.countname = countname;
  svg.nametype = nametype;
  svg.fonttype = fonttype;
  svg.notes = notes;
  svg.width = width;
  svg.frame_height = height;
  svg.fontsize = fontsize;
  svg.fontwidth = fontwidth;
  svg.search_color = search_color;
  svg.inverted = cmd.Has("inverted");
  svg.flamechart = cmd.Has("flamechart");
  svg.keep_label_end = cmd.Has("truncate-text-left");
  svg.negate = cmd.Has("negate");

  flame::TreeOptions tree_options;
  tree_options.reverse = cmd.Has("reverse");
  tree_options.flamechart = svg.flamechart;
  flame::FrameTree tree(tree_options);
  flame::InputStats stats;
  cli::BadLines bad;
  const bool strict = cmd.Has("strict");
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string error;
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(inputs[i], &error);
    if (!in) {
      cmd.Error(error);
      return cli::kExitBadInput;
    }
    const flame::CountSlot slot =
        !diff_pair
            ? flame::CountSlot::kAny
            : (i == 0 ? flame::CountSlot::kBefore : flame::CountSlot::kAfter);
    io::LineReader reader(in.get());
    const std::string& name = in->name();
    const bool complete =
        flame::ReadFoldedInput(&reader, slot, factor, &tree, &stats,
                               [&](uint64_t line, const char* reason) {
                                 bad.Add(name, line, reason);
                                 return !strict;
                               });
    if (!complete) {
      cmd.Error(bad.first());
      return cli::kExitBadInput;
    }
    if (!reader.ok()) {
      cmd.Error(reader.error());
      return cli::kExitBadInput;
    }
  }
  if (bad.count() > 0) cmd.Error(bad.Summary());

  const bool deltas =
      !diff_pair && (stats.signed_count || (diff_flag && !stats.pairs));
  svg.differential = diff_pair || diff_flag || stats.pairs || deltas;
  if (deltas && !widths_given) widths = flame::DiffWidths::kMax;
  svg.diff_widths = widths;
  layout_options.image_width = width;
  layout_options.xpad = flame::kXPad;
  layout_options.max_frames = max_frames;
  layout_options.differential = svg.differential;
  layout_options.deltas = deltas;
  layout_options.diff_widths = widths;
  layout_options.total = total;

  io::OutputBuffer out;
  flame::Layout layout;
  if (stats.lines > 0) layout = flame::ComputeLayout(&tree, layout_options);
  if (layout.frames.empty()) {
    out.Write(flame::RenderMessageSvg(
        svg, "ERROR: No valid input provided to flamesvg."));
    out.Flush();
    cmd.Error(stats.lines == 0 ? "no valid input"
              : std::isfinite(layout.input_total)
                  ? "no valid input (all counts are zero)"
                  : "no valid input (the counts add up to more than a double "
                    "holds)");
    return cli::kExitBadInput;
  }
  if (total > 0 && total < layout.input_total) {
    cmd.Warn("--total is smaller than the input's total; using the input's");
  }
  if (layout.raised_min_width) {
    const double px =
        layout.min_width * (width - 2 * flame::kXPad) / layout.total;
    cli::PrintError(cmd.name(),
                    "note: " + std::to_string(layout.frames_over_min_width) +
                        " frames are wider than --minwidth; drawing " +
                        std::to_string(layout.frames.size()) +
                        " (--max-frames " + std::to_string(max_frames) +
                        "), those wider than " + FormatPx(px) +
                        " px; hidden work is listed in parent tooltips");
  }

  flame::ConsistentPalette consistent;
  if (cmd.Has("cp")) {
    std::string error;
    if (!consistent.Load(palette_file, &error)) {
      cmd.Error(error);
      return cli::kExitBadInput;
    }
    svg.consistent = &consistent;
  }
  out.Write(flame::RenderSvg(tree, layout, svg));
  if (!out.Flush()) {
    cmd.Error("cannot write the output");
    return cli::kExitBadInput;
  }
  if (cmd.Has("cp")) {
    std::string error;
    if (!consistent.Save(palette_file, &error)) {
      cmd.Error(error);
      return cli::kExitBadInput;
    }
  }
  return cli::kExitOk;
}
