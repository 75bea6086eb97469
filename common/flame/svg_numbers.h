#ifndef COMMON_FLAME_SVG_NUMBERS_H_
#define COMMON_FLAME_SVG_NUMBERS_H_

#include <string>

namespace flame {

// Numbers as the SVG writer prints them, byte for byte what std::to_chars
// prints, with integer arithmetic on the common cases (a graph prints a
// few numbers per frame, and to_chars' general algorithm was a tenth of
// flamesvg's time).

// Appends v with `decimals` (0 to 3) digits after the point, as
// to_chars(fixed, decimals) does (correctly rounded, ties to even); returns
// the value as printed (what from_chars would read back).
double AppendFixed(double v, int decimals, std::string* out);

// Appends the shortest form that reads back the same ("287.5", "277"), as
// to_chars(v) does.
void AppendNumber(double v, std::string* out);

void AppendInt(long long v, std::string* out);

// "1,234,567" for integral values, "12.5" (up to 3 decimals) otherwise,
// "2.5e+20" past 1e15 (tooltips).
void AppendCount(double value, std::string* out);

}  // namespace flame

#endif  // COMMON_FLAME_SVG_NUMBERS_H_
