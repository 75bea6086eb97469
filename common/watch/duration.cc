#include "common/watch/duration.h"

#include <charconv>
#include <cmath>

namespace watch {

bool ParseDuration(std::string_view text, double* seconds) {
  double factor = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        text.remove_suffix(1);
        break;
      case 'm':
        factor = 60;
        text.remove_suffix(1);
        break;
      case 'h':
        factor = 3600;
        text.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  if (text.empty() || text[0] == '-' || text[0] == '+') return false;
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v, std::chars_format::fixed);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return false;
  *seconds = v * factor;
  return true;
}

}  // namespace watch
