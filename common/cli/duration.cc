#include "common/cli/duration.h"

#include <charconv>
#include <cmath>

namespace cli {
namespace {

double Factor(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::kSeconds:
      return 1;
    case DurationUnit::kMinutes:
      return 60;
    case DurationUnit::kHours:
      return 3600;
  }
  return 1;
}

bool Fail(std::string_view text, DurationUnit plain_unit, std::string* error) {
  if (error != nullptr) {
    const char* unit = plain_unit == DurationUnit::kSeconds   ? "seconds"
                       : plain_unit == DurationUnit::kMinutes ? "minutes"
                                                              : "hours";
    *error = "'" + std::string(text) +
             "' is not a duration (30s, 5m, 1h, or a number of " + unit + ")";
  }
  return false;
}

}  // namespace

bool ParseDuration(std::string_view text, DurationUnit plain_unit,
                   double* seconds, std::string* error) {
  const std::string_view original = text;
  double factor = Factor(plain_unit);
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        factor = 1;
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
  if (text.empty() || text[0] == '-' || text[0] == '+') {
    return Fail(original, plain_unit, error);
  }
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v, std::chars_format::fixed);
  if (ec != std::errc() || p != end || !std::isfinite(v * factor)) {
    return Fail(original, plain_unit, error);
  }
  *seconds = v * factor;
  return true;
}

}  // namespace cli
