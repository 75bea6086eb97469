// Fuzzes flamesvg's input reader and SVG writer with arbitrary frame names
// and counts: folded lines -> call tree -> layout -> SVG. The SVG must be
// well-formed XML and every element and attribute name in it must be one
// the writer uses, so no name taken from the input can inject markup. The
// first byte selects the options; with bit 7 the first input line also
// becomes the title, subtitle and notes (flags a user may fill from
// untrusted text).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>

#include "common/flame/folded_input.h"
#include "common/flame/frame_tree.h"
#include "common/flame/layout.h"
#include "common/flame/options.h"
#include "common/flame/palette.h"
#include "common/flame/svg_writer.h"
#include "common/io/line_reader.h"
#include "tests/fuzz/xml_check.h"

namespace {

// The element and attribute names common/flame/svg_writer.cc writes.
bool WriterName(std::string_view name) {
  static const std::set<std::string_view> kNames = {"svg",
                                                    "defs",
                                                    "linearGradient",
                                                    "stop",
                                                    "style",
                                                    "script",
                                                    "rect",
                                                    "text",
                                                    "g",
                                                    "title",
                                                    "@version",
                                                    "@width",
                                                    "@height",
                                                    "@onload",
                                                    "@viewBox",
                                                    "@xmlns",
                                                    "@xmlns:xlink",
                                                    "@id",
                                                    "@x1",
                                                    "@y1",
                                                    "@x2",
                                                    "@y2",
                                                    "@offset",
                                                    "@stop-color",
                                                    "@type",
                                                    "@x",
                                                    "@y",
                                                    "@fill",
                                                    "@rx",
                                                    "@ry",
                                                    "@class",
                                                    "@text-anchor",
                                                    "@font-size",
                                                    "@font-family",
                                                    "@standalone",
                                                    "@data-fontsize",
                                                    "@data-fontwidth",
                                                    "@data-inverted",
                                                    "@data-keep-end",
                                                    "@data-name",
                                                    "@data-nametype",
                                                    "@data-search-color",
                                                    "@data-width",
                                                    "@data-xpad"};
  return kNames.count(name) > 0;
}

void Check(const std::string& svg) {
  std::string error;
  if (!fuzzcheck::CheckXml(svg, WriterName, &error)) {
    std::fprintf(stderr, "flame_svg: output is not safe XML: %s\n",
                 error.c_str());
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The options go through flamesvg's own resolver, so the fuzzer draws
  // what the tool would for the same flags.
  static const char* const kPalettes[] = {"hot", "java", "go", "mem"};
  flame::Flags f;
  f.reverse = flags & 1;
  f.flamechart = flags & 2;
  f.inverted = flags & 4;
  f.truncate_text_left = flags & 8;
  f.negate = flags & 16;
  f.colors = kPalettes[(flags >> 5) & 3];
  f.max_frames = (flags & 64) ? 50 : 0;
  // Human units (bytes) and subtree colouring ride on other bits.
  f.countname = (flags & 8) ? "bytes" : "samples";
  f.diff_color = (flags & 16) ? "total" : "self";
  flame::FlameOptions options;
  if (!flame::ResolveFlags(f, 1, &options).empty()) __builtin_trap();

  flame::FrameTree tree(options.tree);
  flame::InputStats stats;
  io::LineSplitter lines(text);
  std::string_view line, first;
  bool have_first = false;
  while (lines.Next(&line)) {
    if (!have_first) first = line, have_first = true;
    if (line.empty()) continue;
    flame::AddFoldedInputLine(line, flame::CountSlot::kAny, 1.0, &tree, &stats);
  }
  flame::SvgOptions& svg = options.svg;
  if (flags & 128) {
    svg.title = std::string(first);
    svg.subtitle = std::string(first);
    svg.notes = std::string(first);
    svg.countname = std::string(first);
    svg.nametype = std::string(first);
  }
  flame::ResolveDiffMode(stats, &options);

  flame::Layout layout;
  if (stats.lines > 0) layout = flame::ComputeLayout(&tree, options.layout);
  if (layout.frames.empty()) {
    Check(flame::RenderMessageSvg(svg, first));
    return 0;
  }
  Check(flame::RenderSvg(tree, layout, svg));
  return 0;
}
