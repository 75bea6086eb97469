#ifndef COMMON_FLAME_LEGEND_H_
#define COMMON_FLAME_LEGEND_H_

#include <string>
#include <vector>

#include "common/flame/palette.h"
#include "common/flame/svg_writer.h"

namespace flame {

// One entry of the legend row under the title: a colour swatch (unless
// `swatch` is false) and its meaning.
struct LegendItem {
  bool swatch = true;
  Rgb color;
  std::string label;
};

// What the colours mean: for a differential graph, grew / shrank / no
// change and the change that gets the full colour (`max_abs_delta`); for
// --colors go, the kinds of Go frames. Empty for the other palettes, whose
// colours carry no meaning beyond telling frames apart.
std::vector<LegendItem> LegendItems(const SvgOptions& o, double max_abs_delta);

// Writes the items as <g id="legend"> from x = xpad, text baseline `y`.
void AppendLegend(const std::vector<LegendItem>& items, const SvgOptions& o,
                  double y, std::string* out);

}  // namespace flame

#endif  // COMMON_FLAME_LEGEND_H_
