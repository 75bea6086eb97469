#include "common/flame/legend.h"

#include <cstdio>

#include "common/flame/xml_text.h"

namespace flame {
namespace {

void AppendF(std::string* out, const char* fmt, double a, double b) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), fmt, a, b);
  out->append(buf);
}

std::vector<LegendItem> DiffItems(const SvgOptions& o, double max_abs_delta) {
  const Rgb red{255, 0, 0}, blue{0, 0, 255};
  std::vector<LegendItem> items = {
      {true, o.negate ? blue : red, "grew"},
      {true, o.negate ? red : blue, "shrank"},
      {true, DiffColor(0, 1, false), "no change"},
  };
  std::string scale =
      "full colour: a change of " + FormatValue(max_abs_delta, o) + " in ";
  scale += o.diff_coloring == DiffColoring::kSelf
               ? "the frame's own (self) count"
               : "the frame's subtree (total)";
  items.push_back({false, Rgb{}, scale});
  return items;
}

std::vector<LegendItem> GoItems() {
  struct Kind {
    GoFrameKind kind;
    const char* label;
  };
  constexpr Kind kKinds[] = {
      {GoFrameKind::kMain, "main package"},
      {GoFrameKind::kModule, "other modules"},
      {GoFrameKind::kStdlib, "standard library"},
      {GoFrameKind::kRuntime, "Go runtime"},
      {GoFrameKind::kCgoOrC, "cgo, C, unknown"},
      {GoFrameKind::kKernel, "kernel"},
  };
  std::vector<LegendItem> items;
  for (const Kind& k : kKinds) {
    items.push_back({true, GoKindColor(k.kind, k.label), k.label});
  }
  return items;
}

}  // namespace

std::vector<LegendItem> LegendItems(const SvgOptions& o, double max_abs_delta) {
  if (o.differential) return DiffItems(o, max_abs_delta);
  if (o.palette == Palette::kGo && o.consistent == nullptr) return GoItems();
  return {};
}

void AppendLegend(const std::vector<LegendItem>& items, const SvgOptions& o,
                  double y, std::string* out) {
  if (items.empty()) return;
  const double fs = o.fontsize;
  double x = kXPad;
  out->append("<g id=\"legend\">\n");
  for (const LegendItem& item : items) {
    if (item.swatch) {
      out->append("<rect");
      AppendF(out, " x=\"%.2f\" y=\"%.2f\"", x, y - fs * 0.8);
      AppendF(out, " width=\"%.2f\" height=\"%.2f\"", fs * 0.8, fs * 0.8);
      char fill[48];
      std::snprintf(fill, sizeof(fill), " fill=\"rgb(%d,%d,%d)\"", item.color.r,
                    item.color.g, item.color.b);
      out->append(fill);
      out->append(" />\n");
      x += fs * 1.1;
    }
    out->append("<text");
    AppendF(out, " x=\"%.2f\" y=\"%.2f\">", x, y);
    AppendXmlEscaped(item.label, out);
    out->append("</text>\n");
    x += static_cast<double>(item.label.size()) * fs * o.fontwidth + fs * 1.2;
  }
  out->append("</g>\n");
}

}  // namespace flame
