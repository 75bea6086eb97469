#ifndef COMMON_PPROF_MEASUREMENT_H_
#define COMMON_PPROF_MEASUREMENT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace pprof {

// Converts `value` in `from_unit` to `to_unit` the way pprof does. to_unit
// "minimum"/"auto" picks the largest unit the value reaches (kB, MB, ms,
// s ...). Returns the converted value and sets *unit to the chosen unit's
// name ("" for plain counts).
double ScaleValue(int64_t value, std::string_view from_unit,
                  std::string_view to_unit, std::string* unit);

// pprof's number format: "%.2f" with a trailing ".00" dropped, then the
// unit ("851.25kB", "620kB", "2s", "0").
std::string ScaledLabel(int64_t value, std::string_view from_unit,
                        std::string_view to_unit);

// pprof's percentage column: "  100%" near 100, "%5.2f%%" from 1%,
// "%5.2g%%" below (e.g. "0.078%").
std::string Percentage(int64_t value, int64_t total);

// A change as a label: "+" before positive values ("+1.5MB"); "0" and
// negative labels are unchanged.
std::string SignedLabel(const std::string& label);

}  // namespace pprof

#endif  // COMMON_PPROF_MEASUREMENT_H_
