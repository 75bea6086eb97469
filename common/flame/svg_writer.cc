#include "common/flame/svg_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "common/flame/frame_annotation.h"
#include "common/flame/legend.h"
#include "common/flame/svg_numbers.h"
#include "common/flame/svg_script.h"
#include "common/flame/xml_text.h"
#include "common/io/output_buffer.h"

namespace flame {
namespace {

constexpr double kFramePad = 1;

void AppendRgb(const Rgb& c, std::string* out) {
  out->append("rgb(");
  AppendInt(c.r, out);
  out->push_back(',');
  AppendInt(c.g, out);
  out->push_back(',');
  AppendInt(c.b, out);
  out->push_back(')');
}

void AppendSignedValue(double v, const SvgOptions& o, std::string* out) {
  out->push_back(v < 0 ? '-' : '+');
  if (o.unit == CountUnit::kPlain) {
    AppendCount(std::fabs(v), out);
  } else {
    AppendXmlEscaped(FormatAmount(std::fabs(v), o.unit), out);
  }
}

// Sanitises text for an XML comment: escaped, and no "--" inside.
void AppendCommentText(std::string_view s, std::string* out) {
  std::string escaped;
  AppendXmlEscaped(s, &escaped);
  for (size_t i = 0; i < escaped.size(); ++i) {
    out->push_back(escaped[i]);
    if (escaped[i] == '-' &&
        (i + 1 == escaped.size() || escaped[i + 1] == '-')) {
      out->push_back(' ');
    }
  }
}

std::string DefaultTitle(const SvgOptions& o) {
  if (o.flamechart) return "Flame Chart";
  if (o.inverted) return "Icicle Graph";
  if (o.differential) return "Differential Flame Graph";
  return "Flame Graph";
}

struct Geometry {
  double ypad1, ypad2, height;
  double legend_y;  // baseline of the legend row, when there is one
};

Geometry ComputeGeometry(const SvgOptions& o, uint32_t max_depth, bool legend) {
  Geometry g;
  g.ypad1 = o.fontsize * 3;
  g.ypad2 = o.fontsize * 2 + 10;
  if (!Subtitle(o).empty()) g.ypad1 += o.fontsize * 2;
  g.legend_y = g.ypad1 + o.fontsize;
  if (legend) g.ypad1 += o.fontsize * 1.5;
  g.height = (max_depth + 1) * o.frame_height + g.ypad1 + g.ypad2;
  return g;
}

void AppendHeader(const SvgOptions& o, double height, bool interactive,
                  std::string* out) {
  out->append(
      "<?xml version=\"1.0\" standalone=\"no\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
      "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<svg version=\"1.1\" width=\"");
  AppendNumber(o.width, out);
  out->append("\" height=\"");
  AppendNumber(height, out);
  out->append("\"");
  if (interactive) out->append(" onload=\"init(evt)\"");
  out->append(" viewBox=\"0 0 ");
  AppendNumber(o.width, out);
  out->push_back(' ');
  AppendNumber(height, out);
  out->append(
      "\" xmlns=\"http://www.w3.org/2000/svg\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
  if (interactive) {
    out->append(" data-width=\"");
    AppendNumber(o.width, out);
    out->append("\" data-xpad=\"");
    AppendNumber(kXPad, out);
    out->append("\" data-fontsize=\"");
    AppendNumber(o.fontsize, out);
    out->append("\" data-fontwidth=\"");
    AppendNumber(o.fontwidth, out);
    out->append("\" data-inverted=\"");
    out->append(o.inverted ? "1" : "0");
    out->append("\" data-keep-end=\"");
    out->append(o.keep_label_end ? "1" : "0");
    out->append("\" data-nametype=\"");
    AppendXmlEscaped(o.nametype, out);
    out->append("\" data-search-color=\"");
    AppendXmlEscaped(o.search_color, out);
    out->append("\"");
  }
  out->append(
      ">\n<!-- Flame graph drawn by flamesvg (stacktools); "
      "frames narrower than the minimum width are not drawn, their "
      "share is listed in the parent's tooltip. -->\n<!-- NOTES: ");
  AppendCommentText(o.notes, out);
  out->append(" -->\n");
}

// The background gradient, the stylesheet and the interactive script.
void AppendDefsStyleAndScript(const SvgOptions& o, std::string* out) {
  out->append(
      "<defs>\n\t<linearGradient id=\"background\" y1=\"0\" y2=\"1\" "
      "x1=\"0\" x2=\"0\" >\n\t\t<stop stop-color=\"");
  out->append(o.bgcolor1);
  out->append("\" offset=\"5%\" />\n\t\t<stop stop-color=\"");
  out->append(o.bgcolor2);
  out->append("\" offset=\"95%\" />\n\t</linearGradient>\n</defs>\n");
  out->append("<style type=\"text/css\">\n\ttext { font-family:");
  out->append(o.fonttype);
  out->append("; font-size:");
  AppendNumber(o.fontsize, out);
  out->append("px; fill:rgb(0,0,0); }\n");
  out->append(FlameStyle());
  out->append("</style>\n<script type=\"text/ecmascript\">\n<![CDATA[\n");
  out->append(FlameScript());
  out->append("]]>\n</script>\n");
}

void AppendText(const char* id, double x, double y, std::string_view s,
                const char* extra, std::string* out) {
  out->append("<text id=\"");
  out->append(id);
  out->append("\" x=\"");
  AppendFixed(x, 2, out);
  out->append("\" y=\"");
  AppendNumber(y, out);
  out->append("\"");
  out->append(extra);
  out->append(">");
  AppendXmlEscaped(s, out);
  out->append("</text>\n");
}

// The background, the titles and the texts the script drives (details,
// Reset Zoom, Search, ic, Matched).
void AppendControls(const SvgOptions& o, const Geometry& geo,
                    std::string* out) {
  out->append("<rect x=\"0.0\" y=\"0\" width=\"");
  AppendNumber(o.width, out);
  out->append("\" height=\"");
  AppendNumber(geo.height, out);
  out->append("\" fill=\"url(#background)\"  />\n");
  const double top = o.fontsize * 2;
  const double bottom = geo.height - geo.ypad2 / 2;
  AppendText("title", o.width / 2, top,
             o.title.empty() ? DefaultTitle(o) : o.title, "", out);
  const std::string subtitle = Subtitle(o);
  if (!subtitle.empty()) {
    AppendText("subtitle", o.width / 2, o.fontsize * 4, subtitle, "", out);
  }
  AppendText("details", kXPad, bottom, " ", "", out);
  AppendText("unzoom", kXPad, top, "Reset Zoom", " class=\"hide\"", out);
  AppendText("search", o.width - kXPad - 100, top, "Search", "", out);
  AppendText("ignorecase", o.width - kXPad - 16, top, "ic", "", out);
  AppendText("matched", o.width - kXPad - 100, bottom, " ", "", out);
}

// The change a differential frame is coloured by.
double ColorDelta(const LaidFrame& f, const SvgOptions& o) {
  return o.diff_coloring == DiffColoring::kSelf ? f.self_delta
                                                : f.after - f.before;
}

// The largest change the colours are scaled to: of any frame's own change,
// or (total) of any subtree below the root, else the root's.
double MaxAbsDelta(const Layout& layout, const SvgOptions& o) {
  double max_abs_delta = 0;
  const size_t first = o.diff_coloring == DiffColoring::kSelf ? 0 : 1;
  for (size_t i = first; i < layout.frames.size(); ++i) {
    max_abs_delta =
        std::max(max_abs_delta, std::fabs(ColorDelta(layout.frames[i], o)));
  }
  if (max_abs_delta == 0 && !layout.frames.empty()) {
    max_abs_delta = std::fabs(layout.frames[0].after - layout.frames[0].before);
  }
  return max_abs_delta;
}

// Writes one <g> per frame: its tooltip (title), box (rect) and label.
// Frames come by depth, so a parent is always written before its children.
class FrameWriter {
 public:
  FrameWriter(const FrameTree& tree, const Layout& layout, const SvgOptions& o,
              const Geometry& geo, double max_abs_delta, std::string* out)
      : tree_(tree),
        layout_(layout),
        o_(o),
        geo_(geo),
        out_(*out),
        px_(layout.total > 0 ? (o.width - 2 * kXPad) / layout.total : 0),
        max_abs_delta_(max_abs_delta),
        char_width_(o.fontsize * o.fontwidth) {
    if (o.palette == Palette::kGo && !o.differential) {
      in_kernel_.assign(tree.nodes().size(), 0);
    }
  }

  void Write(const LaidFrame& f) {
    // The colour comes from the whole name, annotation included; what is
    // shown (data-name, title, label) leaves perf's "_[k]" etc. out.
    const std::string_view name = tree_.Name(f.node);
    const std::string_view shown = WithoutAnnotation(name);
    // The script reads the name from data-name, never by parsing the title.
    out_.append("<g data-name=\"");
    AppendXmlEscaped(shown, &out_);
    out_.append("\">\n<title>");
    AppendXmlEscaped(shown, &out_);
    out_.append(" (");
    if (o_.differential) {
      AppendChange(f);
    } else {
      AppendCounts(f);
    }
    AppendHidden(f);
    AppendAbsent(f);
    out_.append("</title>");
    const Box box = BoxOf(f);
    AppendRect(box, Fill(f, name));
    AppendLabel(box, shown);
    out_.append("</g>\n");
  }

 private:
  struct Box {
    double x1, x2, y1, y2;
  };

  Box BoxOf(const LaidFrame& f) const {
    Box b;
    b.x1 = kXPad + f.x * px_;
    b.x2 = kXPad + (f.x + f.width) * px_;
    if (o_.inverted) {
      b.y1 = geo_.ypad1 + f.depth * o_.frame_height;
      b.y2 = geo_.ypad1 + (f.depth + 1) * o_.frame_height - kFramePad;
    } else {
      b.y1 = geo_.height - geo_.ypad2 - (f.depth + 1) * o_.frame_height +
             kFramePad;
      b.y2 = geo_.height - geo_.ypad2 - f.depth * o_.frame_height;
    }
    return b;
  }

  // flamegraph.pl's order of operations (same rounding), unless 100 * w
  // overflows.
  double Percent(const LaidFrame& f) const {
    const double pct = 100 * f.width / layout_.total;
    return std::isfinite(pct) ? pct : f.width / layout_.total * 100;
  }

  void AppendCountName() {
    if (o_.unit != CountUnit::kPlain) return;
    out_.push_back(' ');
    AppendXmlEscaped(o_.countname, &out_);
  }

  // A count: "1,234" (then the count name) or "1.52 MiB".
  void AppendAmount(double v) {
    if (o_.unit == CountUnit::kPlain) {
      AppendCount(v, &out_);
    } else {
      AppendXmlEscaped(FormatAmount(v, o_.unit), &out_);
    }
  }

  // "N samples, P%)".
  void AppendCounts(const LaidFrame& f) {
    AppendAmount(f.after);
    AppendCountName();
    if (f.node == 0 && f.width == layout_.total) {
      out_.append(", 100%)");  // as flamegraph.pl writes the root
      return;
    }
    out_.append(", ");
    AppendFixed(Percent(f), 2, &out_);
    out_.append("%)");
  }

  // "after A, before B samples, P% of width; change +D, ...)".
  void AppendChange(const LaidFrame& f) {
    const double delta = f.after - f.before;
    out_.append("after ");
    AppendAmount(f.after);
    out_.append(", before ");
    AppendAmount(f.before);
    AppendCountName();
    out_.append(", ");
    AppendFixed(Percent(f), 2, &out_);
    out_.append("% of width; change ");
    AppendSignedValue(delta, o_, &out_);
    if (f.before == 0 && f.after > 0) {
      out_.append(", new");
    } else if (f.after == 0 && f.before > 0) {
      out_.append(", vanished");
    } else if (f.before > 0) {
      out_.append(", ");
      out_.push_back(delta < 0 ? '-' : '+');
      AppendFixed(std::fabs(delta) / f.before * 100, 2, &out_);
      out_.append("% of before");
    }
    out_.append(")");
  }

  void AppendHidden(const LaidFrame& f) {
    if (f.hidden_frames == 0) return;
    out_.append("\nnot drawn (too narrow): ");
    AppendCount(static_cast<double>(f.hidden_frames), &out_);
    out_.append(f.hidden_frames == 1 ? " frame" : " frames");
    out_.append(" below, ");
    AppendAmount(f.hidden_width);
    AppendCountName();
    out_.append(", ");
    AppendFixed(f.hidden_width / f.width * 100, 2, &out_);
    out_.append("% of this frame");
  }

  void AppendAbsent(const LaidFrame& f) {
    if (f.absent_frames == 0) return;
    const bool vanished = o_.diff_widths != DiffWidths::kBefore;
    out_.append(vanished ? "\nvanished below: " : "\nnew below: ");
    AppendCount(static_cast<double>(f.absent_frames), &out_);
    out_.append(f.absent_frames == 1 ? " frame, " : " frames, ");
    AppendAmount(f.absent_other);
    AppendCountName();
    out_.append(vanished ? " before" : " after");
    out_.append("; largest: ");
    AppendXmlEscaped(WithoutAnnotation(tree_.Name(f.absent_largest)), &out_);
  }

  Rgb Fill(const LaidFrame& f, std::string_view name) {
    if (o_.differential) {
      return DiffColor(ColorDelta(f, o_), max_abs_delta_, o_.negate);
    }
    Rgb color;
    if (o_.palette == Palette::kGo) {
      // Frames under a kernel frame are kernel work too.
      GoFrameKind kind = ClassifyGoFrame(name);
      if (f.node != 0 && in_kernel_[tree_.nodes()[f.node].parent]) {
        kind = GoFrameKind::kKernel;
      }
      in_kernel_[f.node] = kind == GoFrameKind::kKernel;
      color = GoKindColor(kind, name);
    } else {
      color = FrameColor(o_.palette, name);
    }
    if (o_.consistent != nullptr) color = o_.consistent->Get(name, color);
    return color;
  }

  // Like flamegraph.pl, the width is the difference of the two rounded
  // edges, so neighbours meet exactly at the printed precision.
  void AppendRect(const Box& b, const Rgb& color) {
    out_.append("<rect x=\"");
    const double x1r = AppendFixed(b.x1, 1, &out_);
    out_.append("\" y=\"");
    AppendNumber(b.y1, &out_);
    out_.append("\" width=\"");
    scratch_.clear();
    AppendFixed(AppendFixed(b.x2, 1, &scratch_) - x1r, 1, &out_);
    out_.append("\" height=\"");
    AppendFixed(b.y2 - b.y1, 1, &out_);
    out_.append("\" fill=\"");
    AppendRgb(color, &out_);
    out_.append("\" rx=\"2\" ry=\"2\" />\n");
  }

  void AppendLabel(const Box& b, std::string_view name) {
    const double chars = std::floor((b.x2 - b.x1) / char_width_);
    if (chars < 3) return;
    out_.append("<text  x=\"");
    AppendFixed(b.x1 + 3, 2, &out_);
    out_.append("\" y=\"");
    AppendNumber(3 + (b.y1 + b.y2) / 2, &out_);
    out_.append("\" >");
    AppendXmlLabel(name, static_cast<size_t>(chars), o_.keep_label_end, &out_);
    out_.append("</text>\n");
  }

  const FrameTree& tree_;
  const Layout& layout_;
  const SvgOptions& o_;
  const Geometry& geo_;
  std::string& out_;
  const double px_;  // pixels per count unit
  const double max_abs_delta_;
  const double char_width_;
  // Go palette: whether each node written so far is kernel work (by node
  // id; frames come parents first).
  std::vector<uint8_t> in_kernel_;
  std::string scratch_;
};

}  // namespace

bool ValidColor(std::string_view c) {
  auto is_hex = [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
           (ch >= 'A' && ch <= 'F');
  };
  if (!c.empty() && c[0] == '#' && (c.size() == 4 || c.size() == 7)) {
    return std::all_of(c.begin() + 1, c.end(), is_hex);
  }
  if (!c.empty() && c.size() <= 20 &&
      std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
      })) {
    return true;  // a CSS colour name such as "magenta"
  }
  if (c.size() < 10 || c.substr(0, 4) != "rgb(" || c.back() != ')') {
    return false;
  }
  std::string_view nums = c.substr(4, c.size() - 5);
  int parts = 0;
  while (true) {
    const size_t comma = nums.find(',');
    std::string_view num = nums.substr(0, comma);
    int v = -1;
    auto r = std::from_chars(num.data(), num.data() + num.size(), v);
    if (r.ec != std::errc() || r.ptr != num.data() + num.size() || v < 0 ||
        v > 255) {
      return false;
    }
    ++parts;
    if (comma == std::string_view::npos) break;
    nums.remove_prefix(comma + 1);
  }
  return parts == 3;
}

bool ValidFontName(std::string_view font) {
  if (font.empty()) return false;
  for (char ch : font) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == ' ' || ch == ',' ||
                    ch == '-' || ch == '_' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

std::string FormatCount(double value) {
  std::string out;
  AppendCount(value, &out);
  return out;
}

std::string FormatValue(double value, const SvgOptions& o) {
  if (o.unit != CountUnit::kPlain) return FormatAmount(value, o.unit);
  return FormatCount(value) + " " + o.countname;
}

std::string Subtitle(const SvgOptions& o) {
  if (!o.differential) return o.subtitle;
  std::string s = o.subtitle;
  if (!s.empty()) s += "; ";
  s += o.diff_coloring == DiffColoring::kSelf
           ? "colour: each frame's own (self) change"
           : "colour: each frame's subtree (total) change";
  s += o.negate ? " (negated: blue grew, red shrank)"
                : " (red grew, blue shrank)";
  switch (o.diff_widths) {
    case DiffWidths::kBefore:
      s += "; widths: before";
      break;
    case DiffWidths::kMax:
      s += "; widths: the larger of before and after";
      break;
    case DiffWidths::kAfter:
    default:
      s += "; widths: after";
  }
  return s;
}

std::string RenderMessageSvg(const SvgOptions& o, std::string_view message) {
  std::string out;
  AppendHeader(o, 60, false, &out);
  out.append("<text x=\"");
  AppendFixed(o.width / 2, 2, &out);
  out.append("\" y=\"");
  AppendNumber(o.fontsize * 2, &out);
  out.append("\" text-anchor=\"middle\" font-family=\"");
  out.append(o.fonttype);
  out.append("\" font-size=\"");
  AppendNumber(o.fontsize, &out);
  out.append("\">");
  AppendXmlEscaped(message, &out);
  out.append("</text>\n</svg>\n");
  return out;
}

namespace {

// The whole graph into *out; with a stream, *out is handed to it whenever
// it holds more than a block, so memory stays at a block whatever the
// graph's size.
void RenderSvgInto(const FrameTree& tree, const Layout& layout,
                   const SvgOptions& o, std::string* out,
                   io::OutputBuffer* stream) {
  constexpr size_t kBlock = 1 << 16;
  const double max_abs_delta = o.differential ? MaxAbsDelta(layout, o) : 0;
  const std::vector<LegendItem> legend = LegendItems(o, max_abs_delta);
  const Geometry geo = ComputeGeometry(o, layout.max_depth, !legend.empty());
  out->reserve(stream != nullptr ? 2 * kBlock
                                 : 4096 + layout.frames.size() * 300);
  AppendHeader(o, geo.height, true, out);
  AppendDefsStyleAndScript(o, out);
  AppendControls(o, geo, out);
  AppendLegend(legend, o, geo.legend_y, out);
  out->append("<g id=\"frames\">\n");
  FrameWriter frames(tree, layout, o, geo, max_abs_delta, out);
  for (const LaidFrame& f : layout.frames) {
    frames.Write(f);
    if (stream != nullptr && out->size() >= kBlock) {
      stream->Write(*out);
      out->clear();
    }
  }
  out->append("</g>\n</svg>\n");
  if (stream != nullptr) stream->Write(*out);
}

}  // namespace

std::string RenderSvg(const FrameTree& tree, const Layout& layout,
                      const SvgOptions& o) {
  std::string out;
  RenderSvgInto(tree, layout, o, &out, nullptr);
  return out;
}

void WriteSvg(const FrameTree& tree, const Layout& layout, const SvgOptions& o,
              io::OutputBuffer* out) {
  std::string block;
  RenderSvgInto(tree, layout, o, &block, out);
}

}  // namespace flame
